package org.hopscope.engine.trace;

import java.net.InetAddress;
import java.util.List;
import java.util.SortedSet;
import org.hopscope.engine.probe.FlowId;

/**
 * One address that answered at one hop.
 *
 * @param flows the flow ids whose probes this interface answered
 * @param replies how many replies came from it
 * @param stats RTTs of its replies (sent counts the probes it answered)
 * @param quotedTtls distinct quoted TTLs seen in its replies (1 normally; 0 = forwards TTL-0 packets)
 * @param replyTtls distinct TTLs of its reply packets
 * @param mplsStacks distinct MPLS label stacks it reported
 * @param marks distinct unreachable marks (!H, !N ...) among its replies
 */
public record InterfaceSnapshot(
        InetAddress address,
        SortedSet<FlowId> flows,
        int replies,
        RttStats stats,
        SortedSet<Integer> quotedTtls,
        SortedSet<Integer> replyTtls,
        List<List<MplsEntry>> mplsStacks,
        SortedSet<String> marks,
        boolean isDestination) {

    public InterfaceSnapshot {
        flows = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(flows));
        quotedTtls = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(quotedTtls));
        replyTtls = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(replyTtls));
        mplsStacks = mplsStacks.stream().map(List::copyOf).toList();
        marks = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(marks));
    }
}
