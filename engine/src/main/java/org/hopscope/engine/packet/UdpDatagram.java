package org.hopscope.engine.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/** Read-only view of a UDP datagram (RFC 768). */
public final class UdpDatagram {
    static final int OFFSET_SOURCE_PORT = 0;
    static final int OFFSET_DESTINATION_PORT = 2;
    static final int OFFSET_LENGTH = 4;
    static final int OFFSET_CHECKSUM = 6;
    static final int HEADER_LENGTH = 8;

    /** Available bytes, cut at the length field when it is sane. */
    private final byte[] data;
    private final boolean truncated;

    private UdpDatagram(byte[] data, boolean truncated) {
        this.data = data;
        this.truncated = truncated;
    }

    /** Parses a whole datagram: the length field must lie in [8, available]. */
    public static UdpDatagram parse(byte[] datagram) throws MalformedPacketException {
        Objects.requireNonNull(datagram, "datagram");
        return parse(datagram, 0, datagram.length, false);
    }

    /**
     * @param lenient a quote from an ICMP error: the datagram may be cut short, and a nonsensical length
     *                field (below 8, some NATs and stacks rewrite it) makes all available bytes the datagram
     */
    static UdpDatagram parse(byte[] b, int off, int len, boolean lenient) throws MalformedPacketException {
        if (len < HEADER_LENGTH) {
            throw new MalformedPacketException("UDP header needs " + HEADER_LENGTH + " bytes, " + len + " available", off);
        }
        int length = Bytes.u16(b, off + OFFSET_LENGTH);
        if (!lenient && (length < HEADER_LENGTH || length > len)) {
            throw new MalformedPacketException("UDP length " + length + " outside [8, " + len + "]", off + OFFSET_LENGTH);
        }
        if (length < HEADER_LENGTH) {
            return new UdpDatagram(Bytes.copy(b, off, len), false);
        }
        return new UdpDatagram(Bytes.copy(b, off, Math.min(len, length)), length > len);
    }

    public int sourcePort() {
        return Bytes.u16(data, OFFSET_SOURCE_PORT);
    }

    public int destinationPort() {
        return Bytes.u16(data, OFFSET_DESTINATION_PORT);
    }

    /** The length field as declared. */
    public int length() {
        return Bytes.u16(data, OFFSET_LENGTH);
    }

    public int checksum() {
        return Bytes.u16(data, OFFSET_CHECKSUM);
    }

    /** Copy of the available payload bytes. */
    public byte[] payload() {
        return Bytes.copy(data, HEADER_LENGTH, data.length - HEADER_LENGTH);
    }

    /** Copy of the available datagram bytes (header included). */
    public byte[] bytes() {
        return data.clone();
    }

    /** True when the length field promises more bytes than were available (a cut-short quote). */
    public boolean isTruncated() {
        return truncated;
    }

    /**
     * Verifies the checksum with the pseudo-header of {@code src}/{@code dst}. False when truncated
     * (it cannot be checked). A zero checksum means "none computed" over IPv4 (RFC 768) and is accepted
     * there; over IPv6 it is invalid (RFC 8200 §8.1).
     */
    public boolean checksumValid(InetAddress src, InetAddress dst) {
        if (truncated) {
            return false;
        }
        if (checksum() == 0) {
            return src instanceof Inet4Address;
        }
        long sum = InternetChecksum.pseudoHeaderSum(src, dst, IpProtocol.UDP, data.length)
                + InternetChecksum.partialSum(data, 0, data.length);
        return InternetChecksum.verifies(sum);
    }

    @Override public String toString() {
        return "UdpDatagram[" + sourcePort() + " > " + destinationPort() + " len=" + length()
                + " cksum=0x" + Integer.toHexString(checksum()) + (truncated ? " truncated" : "") + "]";
    }
}
