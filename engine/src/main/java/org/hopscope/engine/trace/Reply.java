package org.hopscope.engine.trace;

import java.net.InetAddress;
import java.util.List;

/**
 * A decoded reply to one probe. Integer fields use -1 for "not present in this reply".
 *
 * @param from the address that answered
 * @param kind what answered
 * @param icmpType ICMP type, -1 for TCP replies
 * @param icmpCode ICMP code, -1 for TCP replies
 * @param receivedNanos receive time in the transport's clock
 * @param rttNanos round-trip time
 * @param replyTtl TTL (hop limit) of the reply packet as received
 * @param replyIpId IPv4 identification of the reply, -1 for IPv6
 * @param quotedTtl TTL of the probe as quoted in the ICMP error (the probe's TTL when the router
 *     dropped it; 1 normally, 0 for routers that forward TTL-0 packets), -1 if no quote
 * @param quotedIpId IPv4 identification in the quote, -1 if none
 * @param quotedChecksum transport checksum in the quote (UDP checksum, ICMP checksum), -1 if none
 * @param quotedSource source address in the quote (differs from ours behind a NAT without ICMP
 *     fix-up), null if none
 * @param fromDestination whether the reply came from the target (the trace reached it)
 * @param mtu next-hop MTU of a fragmentation-needed or packet-too-big message, -1 otherwise
 * @param mpls MPLS label stack (RFC 4950), empty if none
 * @param interfaces RFC 5837 interface information, empty if none
 */
public record Reply(
        InetAddress from,
        ReplyKind kind,
        int icmpType,
        int icmpCode,
        long receivedNanos,
        long rttNanos,
        int replyTtl,
        int replyIpId,
        int quotedTtl,
        int quotedIpId,
        int quotedChecksum,
        InetAddress quotedSource,
        boolean fromDestination,
        int mtu,
        List<MplsEntry> mpls,
        List<InterfaceInfo> interfaces) {

    public Reply {
        mpls = List.copyOf(mpls);
        interfaces = List.copyOf(interfaces);
    }

    public double rttMillis() {
        return rttNanos / 1e6;
    }

    /**
     * The traceroute(8) mark for an unexpected reply: {@code !H !N !P !F !S !X !V !C !<code>}, or ""
     * when the reply is the expected end of a trace (port unreachable, echo reply, TCP answer) or a
     * time exceeded. ICMPv6 codes map to the nearest ICMPv4 meaning (RFC 4443 §3.1).
     */
    public String unreachableMark() {
        if (kind != ReplyKind.DEST_UNREACHABLE) {
            return "";
        }
        boolean v6 = from instanceof java.net.Inet6Address;
        if (v6) {
            return switch (icmpCode) {
                case 0 -> "!N";
                case 1, 5, 6 -> "!X";
                case 3 -> "!H";
                case 4 -> "";
                default -> "!" + icmpCode;
            };
        }
        return switch (icmpCode) {
            case 0, 6, 11 -> "!N";
            case 1, 7, 12 -> "!H";
            case 2 -> "!P";
            case 3 -> "";
            case 4 -> "!F";
            case 5 -> "!S";
            case 9, 10, 13 -> "!X";
            case 14 -> "!V";
            case 15 -> "!C";
            default -> "!" + icmpCode;
        };
    }

    /** Whether this reply ends the path: the target answered, or something said it cannot be reached. */
    public boolean terminal() {
        return fromDestination || kind == ReplyKind.DEST_UNREACHABLE;
    }
}
