package org.hopscope.engine.packet;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/** Read-only view of an ICMPv6 message (RFC 4443) with RFC 4884 extensions. */
public final class IcmpV6Message {
    static final int OFFSET_TYPE = 0;
    static final int OFFSET_CODE = 1;
    static final int OFFSET_CHECKSUM = 2;
    static final int OFFSET_REST_OF_HEADER = 4;
    static final int OFFSET_IDENTIFIER = 4;
    static final int OFFSET_SEQUENCE = 6;
    /** RFC 4443 §3.2 packet too big: 32-bit MTU. */
    static final int OFFSET_MTU = 4;
    /** RFC 4443 §3.4 parameter problem: 32-bit pointer. */
    static final int OFFSET_POINTER = 4;
    /** RFC 4884 §4.4-§4.5: fifth octet, in 64-bit words. */
    static final int OFFSET_LENGTH_ATTRIBUTE = 4;
    static final int LENGTH_UNIT = 8;
    static final int HEADER_LENGTH = 8;

    private final byte[] data;
    private final boolean truncated;
    private final Rfc4884.Split split;

    private IcmpV6Message(byte[] data, boolean truncated) {
        this.data = data;
        this.truncated = truncated;
        this.split = Rfc4884.split(data, HEADER_LENGTH, data.length - HEADER_LENGTH,
                rfc4884Length() * LENGTH_UNIT, hasLengthAttribute());
    }

    /** Parses a whole ICMPv6 message (the upper-layer payload of an IPv6 packet). */
    public static IcmpV6Message parse(byte[] message) throws MalformedPacketException {
        Objects.requireNonNull(message, "message");
        return parse(message, 0, message.length, false);
    }

    static IcmpV6Message parse(byte[] b, int off, int len, boolean truncated) throws MalformedPacketException {
        if (len < HEADER_LENGTH) {
            throw new MalformedPacketException("ICMPv6 header needs 8 bytes, " + len + " available", off);
        }
        return new IcmpV6Message(Bytes.copy(b, off, len), truncated);
    }

    /** RFC 4884 §4.6: only destination unreachable and time exceeded carry the attribute. */
    private boolean hasLengthAttribute() {
        return type() == IcmpV6Type.DEST_UNREACHABLE || type() == IcmpV6Type.TIME_EXCEEDED;
    }

    public int type() {
        return Bytes.u8(data, OFFSET_TYPE);
    }

    public int code() {
        return Bytes.u8(data, OFFSET_CODE);
    }

    public int checksum() {
        return Bytes.u16(data, OFFSET_CHECKSUM);
    }

    /** Verifies the checksum with the IPv6 pseudo-header (RFC 4443 §2.3); false when cut short. */
    public boolean checksumValid(InetAddress src, InetAddress dst) {
        if (truncated) {
            return false;
        }
        long sum = InternetChecksum.pseudoHeaderSum(src, dst, IpProtocol.ICMPV6, data.length)
                + InternetChecksum.partialSum(data, 0, data.length);
        return InternetChecksum.verifies(sum);
    }

    /** Types 1-4: quote the invoking packet. */
    public boolean isError() {
        return IcmpV6Type.isError(type());
    }

    /** Octets 4-5 (meaningful for echo request and reply). */
    public int identifier() {
        return Bytes.u16(data, OFFSET_IDENTIFIER);
    }

    /** Octets 6-7 (meaningful for echo request and reply). */
    public int sequence() {
        return Bytes.u16(data, OFFSET_SEQUENCE);
    }

    /** Octets 4-7, unsigned (meaningful for type 2). */
    public long mtu() {
        return Bytes.u32(data, OFFSET_MTU);
    }

    /** Octets 4-7, unsigned (meaningful for type 4). */
    public long pointer() {
        return Bytes.u32(data, OFFSET_POINTER);
    }

    /** Octets 4-7 as an unsigned 32-bit number. */
    public long restOfHeader() {
        return Bytes.u32(data, OFFSET_REST_OF_HEADER);
    }

    /** RFC 4884 length attribute in 64-bit words; 0 when absent or the type has none. */
    public int rfc4884Length() {
        return hasLengthAttribute() ? Bytes.u8(data, OFFSET_LENGTH_ATTRIBUTE) : 0;
    }

    /** Copy of everything after the 8-octet header. */
    public byte[] payload() {
        return Bytes.copy(data, HEADER_LENGTH, data.length - HEADER_LENGTH);
    }

    /** Copy of the invoking packet field of an error (without padding nor extensions); empty otherwise. */
    public byte[] quotedBytes() {
        return isError() ? Bytes.copy(data, HEADER_LENGTH, split.quotedLength()) : new byte[0];
    }

    /** The packet quoted by an error, parsed leniently. */
    public IpPacket quotedPacket() throws MalformedPacketException {
        if (!isError()) {
            throw new MalformedPacketException("ICMPv6 type " + type() + " quotes no packet", OFFSET_TYPE);
        }
        return IpPacket.parseQuoted(data, HEADER_LENGTH, split.quotedLength());
    }

    public Optional<IcmpExtensions> extensions() {
        return split.extensions();
    }

    public boolean isTruncated() {
        return truncated;
    }

    public byte[] bytes() {
        return data.clone();
    }

    @Override public String toString() {
        return "IcmpV6Message[type=" + type() + " code=" + code() + " len=" + data.length
                + extensions().map(e -> " " + e).orElse("") + "]";
    }
}
