package org.hopscope.engine.packet;

import java.util.Objects;
import java.util.Optional;

/** Read-only view of an ICMPv4 message (RFC 792) with RFC 4884 extensions. */
public final class IcmpV4Message {
    static final int OFFSET_TYPE = 0;
    static final int OFFSET_CODE = 1;
    static final int OFFSET_CHECKSUM = 2;
    static final int OFFSET_REST_OF_HEADER = 4;
    static final int OFFSET_IDENTIFIER = 4;
    static final int OFFSET_SEQUENCE = 6;
    /** Parameter problem (RFC 792). */
    static final int OFFSET_POINTER = 4;
    /** RFC 4884 §4.1-§4.3: sixth octet, in 32-bit words. */
    static final int OFFSET_LENGTH_ATTRIBUTE = 5;
    static final int LENGTH_UNIT = 4;
    /** RFC 1191 §4: fragmentation needed. */
    static final int OFFSET_NEXT_HOP_MTU = 6;
    static final int HEADER_LENGTH = 8;

    private final byte[] data;
    private final boolean truncated;
    private final Rfc4884.Split split;

    private IcmpV4Message(byte[] data, boolean truncated) {
        this.data = data;
        this.truncated = truncated;
        this.split = Rfc4884.split(data, HEADER_LENGTH, data.length - HEADER_LENGTH,
                rfc4884Length() * LENGTH_UNIT, isError());
    }

    /** Parses a whole ICMPv4 message (the payload of an IPv4 packet). */
    public static IcmpV4Message parse(byte[] message) throws MalformedPacketException {
        Objects.requireNonNull(message, "message");
        return parse(message, 0, message.length, false);
    }

    static IcmpV4Message parse(byte[] b, int off, int len, boolean truncated) throws MalformedPacketException {
        if (len < HEADER_LENGTH) {
            throw new MalformedPacketException("ICMP header needs 8 bytes, " + len + " available", off);
        }
        return new IcmpV4Message(Bytes.copy(b, off, len), truncated);
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

    /** The checksum over the whole message verifies; false when the message was cut short. */
    public boolean checksumValid() {
        return !truncated && InternetChecksum.verifies(InternetChecksum.partialSum(data, 0, data.length));
    }

    /** Destination unreachable, time exceeded or parameter problem: quotes the original datagram. */
    public boolean isError() {
        return IcmpV4Type.isError(type());
    }

    /** Octets 4-5 (meaningful for echo and echo reply). */
    public int identifier() {
        return Bytes.u16(data, OFFSET_IDENTIFIER);
    }

    /** Octets 6-7 (meaningful for echo and echo reply). */
    public int sequence() {
        return Bytes.u16(data, OFFSET_SEQUENCE);
    }

    /** Octets 6-7 (meaningful for type 3 code 4, RFC 1191 §4). */
    public int nextHopMtu() {
        return Bytes.u16(data, OFFSET_NEXT_HOP_MTU);
    }

    /** Octet 4 (meaningful for type 12). */
    public int pointer() {
        return Bytes.u8(data, OFFSET_POINTER);
    }

    /** Octets 4-7 as an unsigned 32-bit number. */
    public long restOfHeader() {
        return Bytes.u32(data, OFFSET_REST_OF_HEADER);
    }

    /** RFC 4884 length attribute in 32-bit words; 0 when absent or the type has none. */
    public int rfc4884Length() {
        return isError() ? Bytes.u8(data, OFFSET_LENGTH_ATTRIBUTE) : 0;
    }

    /** Copy of everything after the 8-octet header (echo data, or quote + padding + extensions). */
    public byte[] payload() {
        return Bytes.copy(data, HEADER_LENGTH, data.length - HEADER_LENGTH);
    }

    /** Copy of the "original datagram" field of an error (without padding nor extensions); empty otherwise. */
    public byte[] quotedBytes() {
        return isError() ? Bytes.copy(data, HEADER_LENGTH, split.quotedLength()) : new byte[0];
    }

    /** The packet quoted by an error, parsed leniently (usually cut short). */
    public IpPacket quotedPacket() throws MalformedPacketException {
        if (!isError()) {
            throw new MalformedPacketException("ICMP type " + type() + " quotes no packet", OFFSET_TYPE);
        }
        return IpPacket.parseQuoted(data, HEADER_LENGTH, split.quotedLength());
    }

    /** The extension structure, when one is found (see {@link Rfc4884} for where it is looked for). */
    public Optional<IcmpExtensions> extensions() {
        return split.extensions();
    }

    /** The message was quoted and cut short. */
    public boolean isTruncated() {
        return truncated;
    }

    /** Copy of the available message bytes. */
    public byte[] bytes() {
        return data.clone();
    }

    @Override public String toString() {
        return "IcmpV4Message[type=" + type() + " code=" + code() + " len=" + data.length
                + extensions().map(e -> " " + e).orElse("") + "]";
    }
}
