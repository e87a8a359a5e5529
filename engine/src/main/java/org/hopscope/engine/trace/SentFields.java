package org.hopscope.engine.trace;

import java.net.InetAddress;

/**
 * The header values a probe went out with: the flow identifier (addresses, protocol, TOS, ports or
 * ICMP checksum, flow label) and the fields that carried its identity.
 *
 * @param source our source address
 * @param destination the target address
 * @param ipId IPv4 identification, -1 for IPv6
 * @param sourcePort UDP/TCP source port, or the ICMP identifier
 * @param destinationPort UDP/TCP destination port, -1 for ICMP
 * @param checksum UDP or ICMP checksum as sent, -1 for TCP
 * @param sequence ICMP sequence or TCP sequence number, -1 for UDP
 * @param length total IP packet length
 */
public record SentFields(
        InetAddress source,
        InetAddress destination,
        int tos,
        int flowLabel,
        int ipId,
        int sourcePort,
        int destinationPort,
        int checksum,
        long sequence,
        int length) {
}
