package org.hopscope.engine.transport.datagram;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * A probe handed to a datagram socket, kept until its timeout so the kernel's reports about it (which
 * never carry the probe's full headers) can be turned back into the packets a raw socket would see.
 */
final class SentProbe {
    final long token;
    /** The IP packet exactly as the engine crafted it. */
    final byte[] packet;
    /** Its IP header length: 20 or 40 (options and extension headers are refused at send). */
    final int headerLength;
    final InetAddress source;
    final InetAddress destination;
    /** UDP destination port, -1 for ICMP. */
    final int destinationPort;
    final int ttl;
    /** What was given to sendto(): the UDP payload, or the whole ICMP message. */
    final byte[] payload;
    /** ICMP echo sequence number, -1 for UDP. */
    final int sequence;
    /** sendto() bracketed by the clock: a transmit timestamp is only accepted inside. */
    final long beforeSendNanos;
    final long afterSendNanos;
    final long expiresNanos;
    /** Whether a reply was already attributed to it: later ambiguous replies prefer other probes. */
    boolean answered;

    SentProbe(long token, byte[] packet, int headerLength, InetAddress source, InetAddress destination,
            int destinationPort, int ttl, byte[] payload, int sequence, long beforeSendNanos, long afterSendNanos,
            long expiresNanos) {
        this.token = token;
        this.packet = packet;
        this.headerLength = headerLength;
        this.source = source;
        this.destination = destination;
        this.destinationPort = destinationPort;
        this.ttl = ttl;
        this.payload = payload;
        this.sequence = sequence;
        this.beforeSendNanos = beforeSendNanos;
        this.afterSendNanos = afterSendNanos;
        this.expiresNanos = expiresNanos;
    }

    /** Whether the first {@code len} bytes a router quoted of the payload agree with this probe's. */
    boolean payloadStartsLike(byte[] quoted, int from, int len) {
        int n = Math.min(len, payload.length);
        return Arrays.equals(payload, 0, n, quoted, from, from + n);
    }
}
