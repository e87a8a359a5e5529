package org.hopscope.engine.packet;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Read-only view of a TCP segment (RFC 9293 §3.1).
 *
 * <p>A segment quoted in an ICMP error is often cut after 8 bytes (RFC 792), which still holds the
 * ports and the sequence number that identify a probe. Accessors for fields beyond the available
 * bytes return -1 (numbers) or false (flags), {@link #options()} is then empty; {@link #hasFullHeader()}
 * tells whether the whole header, options included, is there.
 */
public final class TcpSegment {
    static final int OFFSET_SOURCE_PORT = 0;
    static final int OFFSET_DESTINATION_PORT = 2;
    static final int OFFSET_SEQUENCE = 4;
    static final int OFFSET_ACKNOWLEDGEMENT = 8;
    static final int OFFSET_DATA_OFFSET = 12;
    static final int OFFSET_FLAGS = 13;
    static final int OFFSET_WINDOW = 14;
    static final int OFFSET_CHECKSUM = 16;
    static final int OFFSET_URGENT_POINTER = 18;
    static final int MIN_HEADER_LENGTH = 20;
    /** Ports and sequence number: what a quote must hold at least. */
    static final int MIN_QUOTED_LENGTH = 8;

    private final byte[] data;
    private final boolean fullHeader;
    private final int headerLength;
    private final List<TcpOption> options;
    private final boolean truncated;

    private TcpSegment(byte[] data, boolean fullHeader, int headerLength, List<TcpOption> options, boolean truncated) {
        this.data = data;
        this.fullHeader = fullHeader;
        this.headerLength = headerLength;
        this.options = options;
        this.truncated = truncated;
    }

    /** Parses a whole segment: header and options must be complete and well framed. */
    public static TcpSegment parse(byte[] segment) throws MalformedPacketException {
        Objects.requireNonNull(segment, "segment");
        return parse(segment, 0, segment.length, false, false);
    }

    /**
     * @param lenient   a quote: 8 bytes suffice, option framing errors end the list instead of failing
     * @param truncated the enclosing IP packet was cut short (TCP itself has no length field)
     */
    static TcpSegment parse(byte[] b, int off, int len, boolean lenient, boolean truncated)
            throws MalformedPacketException {
        int min = lenient ? MIN_QUOTED_LENGTH : MIN_HEADER_LENGTH;
        if (len < min) {
            throw new MalformedPacketException("TCP header needs " + min + " bytes, " + len + " available", off);
        }
        byte[] data = Bytes.copy(b, off, len);
        if (len <= OFFSET_DATA_OFFSET) {
            return new TcpSegment(data, false, -1, List.of(), truncated);
        }
        int headerLength = (Bytes.u8(data, OFFSET_DATA_OFFSET) >>> 4) * 4;
        if (headerLength < MIN_HEADER_LENGTH) {
            if (!lenient) {
                throw new MalformedPacketException("TCP data offset " + headerLength + " bytes below 20",
                        off + OFFSET_DATA_OFFSET);
            }
            return new TcpSegment(data, false, headerLength, List.of(), truncated);
        }
        if (headerLength > len && !lenient) {
            throw new MalformedPacketException("TCP header of " + headerLength + " bytes exceeds the " + len
                    + " available", off + OFFSET_DATA_OFFSET);
        }
        boolean full = headerLength <= len;
        List<TcpOption> options = List.of();
        if (len > MIN_HEADER_LENGTH) {
            try {
                options = TcpOptions.decode(data, MIN_HEADER_LENGTH, Math.min(headerLength, len), lenient || !full);
            } catch (MalformedPacketException e) {
                throw new MalformedPacketException(e.getMessage(), off + e.offset());
            }
        }
        return new TcpSegment(data, full, headerLength, options, truncated);
    }

    private boolean has(int offset, int size) {
        return offset + size <= data.length;
    }

    public int sourcePort() {
        return Bytes.u16(data, OFFSET_SOURCE_PORT);
    }

    public int destinationPort() {
        return Bytes.u16(data, OFFSET_DESTINATION_PORT);
    }

    /** Unsigned 32-bit. */
    public long sequenceNumber() {
        return Bytes.u32(data, OFFSET_SEQUENCE);
    }

    /** Unsigned 32-bit, or -1 when not available. */
    public long acknowledgementNumber() {
        return has(OFFSET_ACKNOWLEDGEMENT, 4) ? Bytes.u32(data, OFFSET_ACKNOWLEDGEMENT) : -1;
    }

    /** Header length in 32-bit words (the raw 4-bit field), or -1 when not available. */
    public int dataOffset() {
        return has(OFFSET_DATA_OFFSET, 1) ? Bytes.u8(data, OFFSET_DATA_OFFSET) >>> 4 : -1;
    }

    /** Header length in bytes (data offset × 4), or -1 when not available. */
    public int headerLength() {
        return headerLength;
    }

    /** The flags octet (see {@link TcpFlags}), or -1 when not available. */
    public int flags() {
        return has(OFFSET_FLAGS, 1) ? Bytes.u8(data, OFFSET_FLAGS) : -1;
    }

    private boolean flag(int bit) {
        return has(OFFSET_FLAGS, 1) && (Bytes.u8(data, OFFSET_FLAGS) & bit) != 0;
    }

    public boolean isSyn() {
        return flag(TcpFlags.SYN);
    }

    public boolean isAck() {
        return flag(TcpFlags.ACK);
    }

    public boolean isRst() {
        return flag(TcpFlags.RST);
    }

    public boolean isFin() {
        return flag(TcpFlags.FIN);
    }

    public boolean isPsh() {
        return flag(TcpFlags.PSH);
    }

    /** -1 when not available. */
    public int window() {
        return has(OFFSET_WINDOW, 2) ? Bytes.u16(data, OFFSET_WINDOW) : -1;
    }

    /** -1 when not available. */
    public int checksum() {
        return has(OFFSET_CHECKSUM, 2) ? Bytes.u16(data, OFFSET_CHECKSUM) : -1;
    }

    /** -1 when not available. */
    public int urgentPointer() {
        return has(OFFSET_URGENT_POINTER, 2) ? Bytes.u16(data, OFFSET_URGENT_POINTER) : -1;
    }

    /** Options in wire order (including NOP and end-of-options); those available when cut short. */
    public List<TcpOption> options() {
        return options;
    }

    /** Copy of the payload; empty unless the whole header is there. */
    public byte[] payload() {
        return fullHeader ? Bytes.copy(data, headerLength, data.length - headerLength) : new byte[0];
    }

    /** Copy of the available segment bytes. */
    public byte[] bytes() {
        return data.clone();
    }

    /** The whole header, options included, is available. */
    public boolean hasFullHeader() {
        return fullHeader;
    }

    /** The segment (or the IP packet around it) was cut short. */
    public boolean isTruncated() {
        return truncated || !fullHeader;
    }

    /** Verifies the checksum with the pseudo-header (RFC 9293 §3.1); false when cut short. */
    public boolean checksumValid(InetAddress src, InetAddress dst) {
        if (isTruncated()) {
            return false;
        }
        long sum = InternetChecksum.pseudoHeaderSum(src, dst, IpProtocol.TCP, data.length)
                + InternetChecksum.partialSum(data, 0, data.length);
        return InternetChecksum.verifies(sum);
    }

    @Override public String toString() {
        return "TcpSegment[" + sourcePort() + " > " + destinationPort() + " seq=" + sequenceNumber()
                + " flags=0x" + Integer.toHexString(flags()) + " options=" + options
                + (isTruncated() ? " truncated" : "") + "]";
    }
}
