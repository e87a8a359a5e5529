/**
 * The packet layer: read-only views over captured bytes, and builders that craft probes and test packets.
 *
 * <h2>What lives here</h2>
 * <ul>
 * <li>Views: {@link org.hopscope.engine.packet.IpPacket} ({@link org.hopscope.engine.packet.Ipv4Packet},
 *     {@link org.hopscope.engine.packet.Ipv6Packet}), {@link org.hopscope.engine.packet.UdpDatagram},
 *     {@link org.hopscope.engine.packet.TcpSegment}, {@link org.hopscope.engine.packet.IcmpV4Message},
 *     {@link org.hopscope.engine.packet.IcmpV6Message}, {@link org.hopscope.engine.packet.IcmpExtensions}
 *     (RFC 4884, with MPLS label stacks per RFC 4950 and interface information per RFC 5837).</li>
 * <li>Builders: one per view, each {@code build()} returning the wire bytes with checksums computed
 *     unless overridden.</li>
 * <li>{@link org.hopscope.engine.packet.InternetChecksum} (RFC 1071) and the number constants classes.</li>
 * </ul>
 *
 * <h2>Rules of the room</h2>
 * <ul>
 * <li>Bytes from the network are untrusted: a view either parses or throws the one checked
 *     {@link org.hopscope.engine.packet.MalformedPacketException}; no accessor throws an unchecked
 *     exception because of the bytes (a property test feeds 100,000+ mutated packets to hold this).</li>
 * <li>Views copy what they are given and hand out copies: they are immutable and thread-safe.</li>
 * <li>Two parsing modes: whole packets read from a socket are checked against their declared lengths;
 *     packets quoted inside ICMP errors are parsed leniently, since routers cut them short.</li>
 * <li>Every field has a named offset constant, and every non-obvious decision cites the RFC section.</li>
 * <li>No I/O, no sockets, no dependencies beyond the JDK: the pcap export lives in
 *     {@code org.hopscope.engine.pcap}.</li>
 * </ul>
 */
package org.hopscope.engine.packet;
