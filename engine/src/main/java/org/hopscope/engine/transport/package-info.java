/**
 * Where probes meet a network. {@link org.hopscope.engine.transport.ProbeTransport} moves complete IP
 * packets and stamps time; the engine crafts and decodes everything. Implementations: {@code helper}
 * (the privileged native helper, raw sockets), {@code datagram} (unprivileged Linux datagram sockets
 * through JNA) and the simulated network ({@code org.hopscope.engine.sim}).
 * {@link org.hopscope.engine.transport.TransportChooser} is the one place that picks a real transport
 * and says why. See docs/transports.md.
 */
package org.hopscope.engine.transport;
