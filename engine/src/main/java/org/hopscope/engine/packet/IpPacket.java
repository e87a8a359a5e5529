package org.hopscope.engine.packet;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A read-only view of an IPv4 or IPv6 packet.
 *
 * <p>Two ways in: {@link #parse} for a packet read whole from a socket (declared length must fit in
 * the bytes given), and {@link #parseQuoted} for the "original datagram" quoted inside an ICMP error,
 * which routers cut short (RFC 792: header + 8 bytes; RFC 1812 §4.3.2.3 and RFC 4443 §2.4(c): as much
 * as fits), so a declared length larger than the bytes available is expected there, not an error.
 */
public sealed interface IpPacket permits Ipv4Packet, Ipv6Packet {

    /** Parses a whole packet; bytes after the declared length (link padding) are ignored. */
    static IpPacket parse(byte[] packet) throws MalformedPacketException {
        Objects.requireNonNull(packet, "packet");
        return parse(packet, 0, packet.length, false);
    }

    /**
     * Parses a packet quoted inside an ICMP error: the header must be there, the rest may be cut short
     * ({@link #isTruncated()}). Offsets in errors are relative to {@code off}.
     *
     * @throws IndexOutOfBoundsException if {@code [off, off+len)} is not inside {@code b} (a caller bug)
     */
    static IpPacket parseQuoted(byte[] b, int off, int len) throws MalformedPacketException {
        Objects.requireNonNull(b, "b");
        Objects.checkFromIndexSize(off, len, b.length);
        return parse(b, off, len, true);
    }

    private static IpPacket parse(byte[] b, int off, int len, boolean quoted) throws MalformedPacketException {
        if (len < 1) {
            throw new MalformedPacketException("empty IP packet", 0);
        }
        int version = (b[off] & 0xff) >>> 4;
        switch (version) {
            case 4: return Ipv4Packet.parse(b, off, len, quoted);
            case 6: return Ipv6Packet.parse(b, off, len, quoted);
            default: throw new MalformedPacketException("unsupported IP version " + version, 0);
        }
    }

    /** 4 or 6. */
    int version();

    InetAddress source();

    InetAddress destination();

    /** IPv4 TTL / IPv6 hop limit. */
    int ttl();

    /** Upper-layer protocol; for IPv6 the one after the extension headers. See {@link IpProtocol}. */
    int protocol();

    /** IPv4 TOS byte / IPv6 traffic class (DSCP + ECN). */
    int trafficClass();

    /** Length as declared in the header (IPv6: 40 + payload length). */
    int totalLength();

    /** True when fewer bytes were available than {@link #totalLength()} (only for quoted packets). */
    boolean isTruncated();

    /** Copy of the available upper-layer bytes (after IPv4 options / IPv6 extension headers). */
    byte[] payload();

    /** Copy of the available packet bytes, never beyond the declared length. */
    byte[] bytes();

    /** The UDP datagram; on a truncated quote at least the 8-byte header must be there. */
    UdpDatagram udp() throws MalformedPacketException;

    /** The TCP segment; on a truncated quote 8 bytes (ports + sequence) suffice, see {@link TcpSegment#hasFullHeader()}. */
    TcpSegment tcp() throws MalformedPacketException;

    IcmpV4Message icmpv4() throws MalformedPacketException;

    IcmpV6Message icmpv6() throws MalformedPacketException;
}
