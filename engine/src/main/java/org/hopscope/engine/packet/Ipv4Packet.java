package org.hopscope.engine.packet;

import java.net.InetAddress;
import java.util.Objects;

/** Read-only view of an IPv4 packet (RFC 791 §3.1). */
public final class Ipv4Packet implements IpPacket {
    static final int OFFSET_VERSION_IHL = 0;
    static final int OFFSET_TOS = 1;
    static final int OFFSET_TOTAL_LENGTH = 2;
    static final int OFFSET_IDENTIFICATION = 4;
    static final int OFFSET_FLAGS_FRAGMENT = 6;
    static final int OFFSET_TTL = 8;
    static final int OFFSET_PROTOCOL = 9;
    static final int OFFSET_HEADER_CHECKSUM = 10;
    static final int OFFSET_SOURCE = 12;
    static final int OFFSET_DESTINATION = 16;
    static final int MIN_HEADER_LENGTH = 20;
    static final int MAX_HEADER_LENGTH = 60;

    static final int FLAG_DONT_FRAGMENT = 0x4000;
    static final int FLAG_MORE_FRAGMENTS = 0x2000;
    static final int FRAGMENT_OFFSET_MASK = 0x1fff;

    /** Available bytes, cut at the declared total length. */
    private final byte[] data;
    private final int headerLength;
    private final int totalLength;
    private final boolean truncated;
    private final boolean quoted;

    private Ipv4Packet(byte[] data, int headerLength, int totalLength, boolean truncated, boolean quoted) {
        this.data = data;
        this.headerLength = headerLength;
        this.totalLength = totalLength;
        this.truncated = truncated;
        this.quoted = quoted;
    }

    /** Parses a whole IPv4 packet; see {@link IpPacket#parse}. */
    public static Ipv4Packet parse(byte[] packet) throws MalformedPacketException {
        Objects.requireNonNull(packet, "packet");
        return parse(packet, 0, packet.length, false);
    }

    static Ipv4Packet parse(byte[] b, int off, int len, boolean quoted) throws MalformedPacketException {
        if (len < MIN_HEADER_LENGTH) {
            throw new MalformedPacketException("IPv4 header needs " + MIN_HEADER_LENGTH + " bytes, " + len + " available", 0);
        }
        int version = Bytes.u8(b, off + OFFSET_VERSION_IHL) >>> 4;
        if (version != 4) {
            throw new MalformedPacketException("IPv4 version field is " + version, OFFSET_VERSION_IHL);
        }
        int headerLength = (Bytes.u8(b, off + OFFSET_VERSION_IHL) & 0x0f) * 4;
        if (headerLength < MIN_HEADER_LENGTH) {
            throw new MalformedPacketException("IPv4 header length " + headerLength + " below 20", OFFSET_VERSION_IHL);
        }
        if (headerLength > len) {
            throw new MalformedPacketException("IPv4 header length " + headerLength + " exceeds the " + len
                    + " bytes available", OFFSET_VERSION_IHL);
        }
        int totalLength = Bytes.u16(b, off + OFFSET_TOTAL_LENGTH);
        if (totalLength < headerLength) {
            throw new MalformedPacketException("IPv4 total length " + totalLength + " below header length "
                    + headerLength, OFFSET_TOTAL_LENGTH);
        }
        boolean truncated = totalLength > len;
        if (truncated && !quoted) {
            throw new MalformedPacketException("IPv4 total length " + totalLength + " exceeds the " + len
                    + " bytes available", OFFSET_TOTAL_LENGTH);
        }
        // Bytes past the declared length are link padding, or RFC 4884 zero padding of a quote: not ours.
        int available = Math.min(len, totalLength);
        return new Ipv4Packet(Bytes.copy(b, off, available), headerLength, totalLength, truncated, quoted);
    }

    @Override public int version() {
        return 4;
    }

    @Override public InetAddress source() {
        return Bytes.ipv4(data, OFFSET_SOURCE);
    }

    @Override public InetAddress destination() {
        return Bytes.ipv4(data, OFFSET_DESTINATION);
    }

    @Override public int ttl() {
        return Bytes.u8(data, OFFSET_TTL);
    }

    @Override public int protocol() {
        return Bytes.u8(data, OFFSET_PROTOCOL);
    }

    /** The whole TOS byte (DSCP + ECN, RFC 2474 / RFC 3168). */
    @Override public int trafficClass() {
        return Bytes.u8(data, OFFSET_TOS);
    }

    @Override public int totalLength() {
        return totalLength;
    }

    @Override public boolean isTruncated() {
        return truncated;
    }

    @Override public byte[] payload() {
        return Bytes.copy(data, headerLength, data.length - headerLength);
    }

    @Override public byte[] bytes() {
        return data.clone();
    }

    public int identification() {
        return Bytes.u16(data, OFFSET_IDENTIFICATION);
    }

    public boolean dontFragment() {
        return (Bytes.u16(data, OFFSET_FLAGS_FRAGMENT) & FLAG_DONT_FRAGMENT) != 0;
    }

    public boolean moreFragments() {
        return (Bytes.u16(data, OFFSET_FLAGS_FRAGMENT) & FLAG_MORE_FRAGMENTS) != 0;
    }

    /** The raw 13-bit field, in units of 8 octets. */
    public int fragmentOffset() {
        return Bytes.u16(data, OFFSET_FLAGS_FRAGMENT) & FRAGMENT_OFFSET_MASK;
    }

    /** In bytes (IHL × 4). */
    public int headerLength() {
        return headerLength;
    }

    /** Copy of the option bytes (empty when IHL is 5). */
    public byte[] options() {
        return Bytes.copy(data, MIN_HEADER_LENGTH, headerLength - MIN_HEADER_LENGTH);
    }

    public int headerChecksum() {
        return Bytes.u16(data, OFFSET_HEADER_CHECKSUM);
    }

    /** RFC 791: the checksum over the header, its own field included, verifies. */
    public boolean headerChecksumValid() {
        return InternetChecksum.verifies(InternetChecksum.partialSum(data, 0, headerLength));
    }

    private UpperLayer.Slice upperLayer() {
        return new UpperLayer.Slice(data, headerLength, protocol(), fragmentOffset() == 0, quoted, truncated);
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
        return "Ipv4Packet[" + source().getHostAddress() + " > " + destination().getHostAddress()
                + " ttl=" + ttl() + " proto=" + IpProtocol.name(protocol()) + " len=" + totalLength
                + (truncated ? " truncated(" + data.length + ")" : "") + "]";
    }
}
