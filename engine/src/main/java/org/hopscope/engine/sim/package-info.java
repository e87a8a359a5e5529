/**
 * The simulated network: a {@link org.hopscope.engine.transport.ProbeTransport} that sends no packet
 * anywhere, for tests, the GUI demo, the CLI lab and benchmarks.
 *
 * <h2>What lives here</h2>
 * <ul>
 * <li>{@link org.hopscope.engine.sim.Topology}: a network read from a line-based topology file
 *     (format and shipped files: docs/simulated-network.md) — the prober, routers, hosts, links with
 *     delays, MPLS tunnels and every node's behaviour: per-flow and per-packet load balancers, NAT,
 *     silent and rate-limited routers, losses, TTL-0 forwarding, unreachables and firewalls, reply
 *     TTLs and quote sizes. It also answers ground-truth questions: the path of a packet's flow
 *     ({@link org.hopscope.engine.sim.Topology#truePath}), every path toward a destination
 *     ({@link org.hopscope.engine.sim.Topology#multipathTruth}), the physical links.</li>
 * <li>{@link org.hopscope.engine.sim.SimulatedTransport}: the transport, on a virtual clock (time
 *     moves only when the engine waits, so thousands of traces run in seconds, reproducibly) or in
 *     real time.</li>
 * <li>Package-private machinery: the parser, the {@code Simulator} that walks packets hop by hop and
 *     holds the network's changing state, and the reply builders.</li>
 * </ul>
 *
 * <h2>Rules of the room</h2>
 * <ul>
 * <li>Every reply is a byte-exact, valid packet, built with {@code org.hopscope.engine.packet}
 *     builders; in-flight edits (TTL, NAT) update checksums as routers and NATs do (RFC 1624).</li>
 * <li>All chance is seeded from the topology seed, per node and per link: same seed, same run.</li>
 * <li>Topology errors name the file and line.</li>
 * <li>Depends on the packet, probe (protocol names) and transport packages only.</li>
 * </ul>
 */
package org.hopscope.engine.sim;
