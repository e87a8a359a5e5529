/**
 * TCP InSession traceroute (issue 7; probing-facts §4; Catchpoint's Traceroute InSession): probes
 * travel inside a real TCP connection that the kernel opened with an ordinary unprivileged
 * {@code connect()}, so a stateful firewall sees an established flow and lets them through, and
 * per-flow load balancers keep them on one path.
 *
 * <p>How: {@link org.hopscope.engine.insession.InSessionTracer} binds a socket, asks the helper to
 * {@code watch} its 4-tuple (protocol version 2: only segments of the caller's own connection),
 * connects, learns the numbers and options from the SYN-ACK ({@link
 * org.hopscope.engine.insession.Handshake}), then sends one-byte PSH+ACK segments with increasing
 * TTL starting one byte past the next expected sequence number ({@link
 * org.hopscope.engine.insession.ProbeSegments}): a gap, so the server application never gets the
 * bytes. Routers' ICMP errors are matched by the quoted sequence number, the destination's
 * duplicate ACKs by their SACK blocks ({@link org.hopscope.engine.insession.SackBlocks}). See
 * docs/insession.md.
 */
package org.hopscope.engine.insession;
