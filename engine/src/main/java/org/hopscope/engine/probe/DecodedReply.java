package org.hopscope.engine.probe;

import java.net.InetAddress;
import java.util.List;
import org.hopscope.engine.trace.InterfaceInfo;
import org.hopscope.engine.trace.MplsEntry;
import org.hopscope.engine.trace.Reply;
import org.hopscope.engine.trace.ReplyKind;
import org.hopscope.engine.trace.SentFields;

/**
 * A received packet decoded far enough to find its probe: the candidate identity keys, best first,
 * and every field the trace records. Integer fields are -1 when absent.
 */
public record DecodedReply(
        List<Integer> keys,
        ReplyKind kind,
        InetAddress from,
        int icmpType,
        int icmpCode,
        int replyTtl,
        int replyIpId,
        int quotedTtl,
        int quotedIpId,
        int quotedChecksum,
        InetAddress quotedSource,
        int quotedDestinationPort,
        boolean fromDestination,
        int mtu,
        List<MplsEntry> mpls,
        List<InterfaceInfo> interfaces) {

    public DecodedReply {
        keys = List.copyOf(keys);
        mpls = List.copyOf(mpls);
        interfaces = List.copyOf(interfaces);
    }

    /**
     * Whether the quote fits the probe beyond its key: the destination port is one a NAT never
     * rewrites on the way out, so a key that collides by chance is caught here.
     */
    public boolean consistentWith(SentFields sent) {
        return quotedDestinationPort < 0 || sent.destinationPort() < 0
                || quotedDestinationPort == sent.destinationPort();
    }

    public Reply toReply(long receivedNanos, long sentNanos) {
        return new Reply(from, kind, icmpType, icmpCode, receivedNanos, Math.max(0, receivedNanos - sentNanos),
                replyTtl, replyIpId, quotedTtl, quotedIpId, quotedChecksum, quotedSource, fromDestination, mtu,
                mpls, interfaces);
    }
}
