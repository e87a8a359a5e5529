package org.hopscope.engine.packet;

import java.net.InetAddress;

/**
 * Crafts a UDP datagram. The checksum covers the pseudo-header of the addresses given to {@link #build};
 * {@link #checksumOverride} writes a value verbatim instead (Paris traceroute puts the probe identity in
 * the checksum field and balances the payload so that it still verifies).
 */
public final class UdpBuilder {
    private int sourcePort;
    private int destinationPort;
    private byte[] payload = new byte[0];
    private int checksumOverride = -1;

    public UdpBuilder sourcePort(int port) {
        Bytes.requireRange("source port", port, 0, 0xffff);
        this.sourcePort = port;
        return this;
    }

    public UdpBuilder destinationPort(int port) {
        Bytes.requireRange("destination port", port, 0, 0xffff);
        this.destinationPort = port;
        return this;
    }

    public UdpBuilder payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    public UdpBuilder checksumOverride(int checksum) {
        Bytes.requireRange("checksum", checksum, 0, 0xffff);
        this.checksumOverride = checksum;
        return this;
    }

    public byte[] build(InetAddress src, InetAddress dst) {
        int length = UdpDatagram.HEADER_LENGTH + payload.length;
        if (length > 0xffff) {
            throw new IllegalStateException("UDP datagram of " + length + " bytes exceeds 65535");
        }
        byte[] d = new byte[length];
        Bytes.put16(d, UdpDatagram.OFFSET_SOURCE_PORT, sourcePort);
        Bytes.put16(d, UdpDatagram.OFFSET_DESTINATION_PORT, destinationPort);
        Bytes.put16(d, UdpDatagram.OFFSET_LENGTH, length);
        System.arraycopy(payload, 0, d, UdpDatagram.HEADER_LENGTH, payload.length);
        int checksum = checksumOverride;
        if (checksum < 0) {
            checksum = InternetChecksum.fold(InternetChecksum.pseudoHeaderSum(src, dst, IpProtocol.UDP, length)
                    + InternetChecksum.partialSum(d, 0, length));
            // RFC 768: a computed zero is sent as all ones, zero meaning "no checksum".
            if (checksum == 0) {
                checksum = 0xffff;
            }
        }
        Bytes.put16(d, UdpDatagram.OFFSET_CHECKSUM, checksum);
        return d;
    }
}
