package org.hopscope.engine.packet;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Read-only view of an IPv6 packet (RFC 8200 §3) with its extension headers skipped (§4). */
public final class Ipv6Packet implements IpPacket {
    static final int OFFSET_VERSION_CLASS_FLOW = 0;
    static final int OFFSET_PAYLOAD_LENGTH = 4;
    static final int OFFSET_NEXT_HEADER = 6;
    static final int OFFSET_HOP_LIMIT = 7;
    static final int OFFSET_SOURCE = 8;
    static final int OFFSET_DESTINATION = 24;
    static final int HEADER_LENGTH = 40;

    /** Generic extension header: next header, then length in 8-octet units not counting the first 8 (§4.3). */
    static final int EXT_OFFSET_NEXT_HEADER = 0;
    static final int EXT_OFFSET_LENGTH = 1;
    static final int EXT_UNIT = 8;
    /** Fragment header (§4.5): fixed 8 octets; offset (13 bits) and M flag at octets 2-3. */
    static final int FRAGMENT_HEADER_LENGTH = 8;
    static final int FRAGMENT_OFFSET_FIELD = 2;

    private final byte[] data;
    private final int totalLength;
    private final boolean truncated;
    private final boolean quoted;
    private final int upperLayerOffset;
    private final int protocol;
    private final boolean firstFragment;
    private final List<Integer> extensionHeaders;

    private Ipv6Packet(byte[] data, int totalLength, boolean truncated, boolean quoted, Chain chain) {
        this.data = data;
        this.totalLength = totalLength;
        this.truncated = truncated;
        this.quoted = quoted;
        this.upperLayerOffset = chain.offset;
        this.protocol = chain.protocol;
        this.firstFragment = chain.firstFragment;
        this.extensionHeaders = List.copyOf(chain.headers);
    }

    /** Parses a whole IPv6 packet; see {@link IpPacket#parse}. */
    public static Ipv6Packet parse(byte[] packet) throws MalformedPacketException {
        Objects.requireNonNull(packet, "packet");
        return parse(packet, 0, packet.length, false);
    }

    static Ipv6Packet parse(byte[] b, int off, int len, boolean quoted) throws MalformedPacketException {
        if (len < HEADER_LENGTH) {
            throw new MalformedPacketException("IPv6 header needs " + HEADER_LENGTH + " bytes, " + len + " available", 0);
        }
        int version = Bytes.u8(b, off) >>> 4;
        if (version != 6) {
            throw new MalformedPacketException("IPv6 version field is " + version, OFFSET_VERSION_CLASS_FLOW);
        }
        int totalLength = HEADER_LENGTH + Bytes.u16(b, off + OFFSET_PAYLOAD_LENGTH);
        boolean truncated = totalLength > len;
        if (truncated && !quoted) {
            throw new MalformedPacketException("IPv6 payload length " + (totalLength - HEADER_LENGTH)
                    + " exceeds the " + (len - HEADER_LENGTH) + " bytes available", OFFSET_PAYLOAD_LENGTH);
        }
        byte[] data = Bytes.copy(b, off, Math.min(len, totalLength));
        return new Ipv6Packet(data, totalLength, truncated, quoted, Chain.walk(data));
    }

    /** Where the upper layer starts after hop-by-hop, routing, fragment and destination options headers. */
    private static final class Chain {
        int offset = HEADER_LENGTH;
        int protocol;
        boolean firstFragment = true;
        final List<Integer> headers = new ArrayList<>();

        static Chain walk(byte[] data) throws MalformedPacketException {
            Chain c = new Chain();
            c.protocol = Bytes.u8(data, OFFSET_NEXT_HEADER);
            // Every extension header is at least 8 octets, so the loop ends within data.length / 8 rounds.
            while (isSkippable(c.protocol)) {
                int start = c.offset;
                if (start + 2 > data.length) {
                    throw new MalformedPacketException("IPv6 " + IpProtocol.name(c.protocol)
                            + " header cut off after " + (data.length - start) + " bytes", start);
                }
                int length = c.protocol == IpProtocol.IPV6_FRAGMENT
                        ? FRAGMENT_HEADER_LENGTH
                        : (Bytes.u8(data, start + EXT_OFFSET_LENGTH) + 1) * EXT_UNIT;
                if (start + length > data.length) {
                    throw new MalformedPacketException("IPv6 " + IpProtocol.name(c.protocol) + " header of "
                            + length + " bytes exceeds the " + (data.length - start) + " available", start);
                }
                if (c.protocol == IpProtocol.IPV6_FRAGMENT
                        && (Bytes.u16(data, start + FRAGMENT_OFFSET_FIELD) >>> 3) != 0) {
                    c.firstFragment = false;
                }
                c.headers.add(c.protocol);
                c.protocol = Bytes.u8(data, start + EXT_OFFSET_NEXT_HEADER);
                c.offset = start + length;
            }
            return c;
        }

        private static boolean isSkippable(int nextHeader) {
            return nextHeader == IpProtocol.HOP_BY_HOP
                    || nextHeader == IpProtocol.IPV6_ROUTING
                    || nextHeader == IpProtocol.IPV6_FRAGMENT
                    || nextHeader == IpProtocol.IPV6_DESTINATION_OPTIONS;
        }
    }

    @Override public int version() {
        return 6;
    }

    @Override public InetAddress source() {
        return Bytes.ipv6(data, OFFSET_SOURCE);
    }

    @Override public InetAddress destination() {
        return Bytes.ipv6(data, OFFSET_DESTINATION);
    }

    /** The hop limit. */
    @Override public int ttl() {
        return Bytes.u8(data, OFFSET_HOP_LIMIT);
    }

    @Override public int protocol() {
        return protocol;
    }

    @Override public int trafficClass() {
        return (int) (Bytes.u32(data, OFFSET_VERSION_CLASS_FLOW) >>> 20) & 0xff;
    }

    public int flowLabel() {
        return (int) (Bytes.u32(data, OFFSET_VERSION_CLASS_FLOW) & 0xfffff);
    }

    public int payloadLength() {
        return Bytes.u16(data, OFFSET_PAYLOAD_LENGTH);
    }

    /** The next header field of the fixed header (may name an extension header). */
    public int nextHeader() {
        return Bytes.u8(data, OFFSET_NEXT_HEADER);
    }

    /** Types of the extension headers skipped, in order (empty when none). */
    public List<Integer> extensionHeaders() {
        return extensionHeaders;
    }

    /** Byte offset of the upper-layer header from the start of the packet. */
    public int upperLayerOffset() {
        return upperLayerOffset;
    }

    @Override public int totalLength() {
        return totalLength;
    }

    @Override public boolean isTruncated() {
        return truncated;
    }

    @Override public byte[] payload() {
        return Bytes.copy(data, upperLayerOffset, data.length - upperLayerOffset);
    }

    @Override public byte[] bytes() {
        return data.clone();
    }

    private UpperLayer.Slice upperLayer() {
        return new UpperLayer.Slice(data, upperLayerOffset, protocol, firstFragment, quoted, truncated);
    }

    @Override public UdpDatagram udp() throws MalformedPacketException {
        return upperLayer().udp();
    }

    @Override public TcpSegment tcp() throws MalformedPacketException {
        return upperLayer().tcp();
    }

    @Override public IcmpV4Message icmpv4() throws MalformedPacketException {
        return upperLayer().icmpv4();
    }

    @Override public IcmpV6Message icmpv6() throws MalformedPacketException {
        return upperLayer().icmpv6();
    }

    @Override public String toString() {
        return "Ipv6Packet[" + source().getHostAddress() + " > " + destination().getHostAddress()
                + " hlim=" + ttl() + " proto=" + IpProtocol.name(protocol) + " len=" + totalLength
                + (truncated ? " truncated(" + data.length + ")" : "") + "]";
    }
}
