package org.hopscope.engine.packet;

import java.net.InetAddress;
import java.util.List;

/** Crafts a TCP segment; options are padded to 32 bits and the checksum covers the pseudo-header. */
public final class TcpBuilder {
    private int sourcePort;
    private int destinationPort;
    private long sequenceNumber;
    private long acknowledgementNumber;
    private int flags;
    private int window;
    private int urgentPointer;
    private List<TcpOption> options = List.of();
    private byte[] payload = new byte[0];
    private int checksumOverride = -1;

    public TcpBuilder sourcePort(int port) {
        Bytes.requireRange("source port", port, 0, 0xffff);
        this.sourcePort = port;
        return this;
    }

    public TcpBuilder destinationPort(int port) {
        Bytes.requireRange("destination port", port, 0, 0xffff);
        this.destinationPort = port;
        return this;
    }

    public TcpBuilder sequenceNumber(long sequenceNumber) {
        Bytes.requireRange("sequence number", sequenceNumber, 0, 0xffffffffL);
        this.sequenceNumber = sequenceNumber;
        return this;
    }

    public TcpBuilder acknowledgementNumber(long acknowledgementNumber) {
        Bytes.requireRange("acknowledgement number", acknowledgementNumber, 0, 0xffffffffL);
        this.acknowledgementNumber = acknowledgementNumber;
        return this;
    }

    /** The flags octet, see {@link TcpFlags}. */
    public TcpBuilder flags(int flags) {
        Bytes.requireRange("flags", flags, 0, 0xff);
        this.flags = flags;
        return this;
    }

    public TcpBuilder window(int window) {
        Bytes.requireRange("window", window, 0, 0xffff);
        this.window = window;
        return this;
    }

    /** Same as {@link #window(int)}. */
    public TcpBuilder windowSize(int window) {
        return window(window);
    }

    public TcpBuilder urgentPointer(int urgentPointer) {
        Bytes.requireRange("urgent pointer", urgentPointer, 0, 0xffff);
        this.urgentPointer = urgentPointer;
        return this;
    }

    public TcpBuilder options(List<TcpOption> options) {
        TcpOptions.encode(options);   // fail early when they do not fit
        this.options = List.copyOf(options);
        return this;
    }

    public TcpBuilder payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    public TcpBuilder checksumOverride(int checksum) {
        Bytes.requireRange("checksum", checksum, 0, 0xffff);
        this.checksumOverride = checksum;
        return this;
    }

    public byte[] build(InetAddress src, InetAddress dst) {
        byte[] opts = TcpOptions.encode(options);
        int headerLength = TcpSegment.MIN_HEADER_LENGTH + opts.length;
        byte[] s = new byte[headerLength + payload.length];
        Bytes.put16(s, TcpSegment.OFFSET_SOURCE_PORT, sourcePort);
        Bytes.put16(s, TcpSegment.OFFSET_DESTINATION_PORT, destinationPort);
        Bytes.put32(s, TcpSegment.OFFSET_SEQUENCE, sequenceNumber);
        Bytes.put32(s, TcpSegment.OFFSET_ACKNOWLEDGEMENT, acknowledgementNumber);
        s[TcpSegment.OFFSET_DATA_OFFSET] = (byte) ((headerLength / 4) << 4);
        s[TcpSegment.OFFSET_FLAGS] = (byte) flags;
        Bytes.put16(s, TcpSegment.OFFSET_WINDOW, window);
        Bytes.put16(s, TcpSegment.OFFSET_URGENT_POINTER, urgentPointer);
        System.arraycopy(opts, 0, s, TcpSegment.MIN_HEADER_LENGTH, opts.length);
        System.arraycopy(payload, 0, s, headerLength, payload.length);
        int checksum = checksumOverride >= 0 ? checksumOverride
                : InternetChecksum.fold(InternetChecksum.pseudoHeaderSum(src, dst, IpProtocol.TCP, s.length)
                        + InternetChecksum.partialSum(s, 0, s.length));
        Bytes.put16(s, TcpSegment.OFFSET_CHECKSUM, checksum);
        return s;
    }
}
