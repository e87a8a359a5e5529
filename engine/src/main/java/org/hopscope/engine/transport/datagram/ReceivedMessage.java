package org.hopscope.engine.transport.datagram;

import java.net.InetAddress;

/**
 * One message read from a socket, from its normal queue or its error queue.
 *
 * @param data the bytes read: an ICMP message from the ICMP header on (echo replies on ping sockets);
 *     for an error-queue message the probe's bytes the router quoted, from where the kernel's
 *     protocol handler stopped parsing: the ICMP header (ping sockets) or the UDP payload (UDP sockets)
 * @param peer the sender (normal queue) or the quoted destination (error queue)
 * @param peerPort the sender's port, or the quoted destination port
 * @param ttl IP TTL / IPv6 hop limit of the received packet (IP_RECVTTL, IPV6_RECVHOPLIMIT), -1 unknown
 * @param tos IPv4 TOS / IPv6 traffic class of the received packet, -1 unknown
 * @param timestampNanos kernel receive time (SO_TIMESTAMPNS), CLOCK_REALTIME ns, -1 unknown
 * @param txTimestampNanos for transmit-timestamp messages, the software send time, else -1
 * @param error the sock_extended_err of an error-queue message, null for normal data
 */
record ReceivedMessage(
        byte[] data,
        InetAddress peer,
        int peerPort,
        int ttl,
        int tos,
        long timestampNanos,
        long txTimestampNanos,
        ExtendedError error) {

    /**
     * struct sock_extended_err with its offender address.
     *
     * @param origin SO_EE_ORIGIN_*: ICMP, ICMP6, LOCAL, TIMESTAMPING
     * @param info ee_info: next-hop MTU for fragmentation needed / packet too big, pointer for
     *     parameter problem
     * @param rfc4884Length where in {@code data} the ICMP extension structure starts, 0 if none was
     *     found (needs IP_RECVERR_RFC4884)
     * @param rfc4884Invalid the kernel found that structure malformed
     * @param offender the address that sent the ICMP error (SO_EE_OFFENDER), null if none
     */
    record ExtendedError(int errno, int origin, int type, int code, long info, int rfc4884Length,
            boolean rfc4884Invalid, InetAddress offender) {

        boolean isIcmp() {
            return origin == Linux.SO_EE_ORIGIN_ICMP || origin == Linux.SO_EE_ORIGIN_ICMP6;
        }
    }
}
