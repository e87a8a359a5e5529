package org.hopscope.engine.graph;

import java.net.InetAddress;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hopscope.engine.probe.FlowId;

/**
 * A link: the flows listed answered from {@code from} at one of {@code fromTtls} and from {@code to}
 * {@code gap} TTLs later.
 *
 * @param gap 1 for adjacent interfaces; more when the TTLs between never answered (silent routers),
 *     in which case the edge stands for a path through {@code gap - 1} unknown hops
 * @param share the part of the flows leaving {@code from} that took this link, 0..1: an estimate of
 *     how the balancer at {@code from} splits its traffic
 */
public record Edge(InetAddress from, InetAddress to, SortedSet<Integer> fromTtls, SortedSet<FlowId> flows, int gap,
        double share) {

    public Edge {
        fromTtls = Collections.unmodifiableSortedSet(new TreeSet<>(fromTtls));
        flows = Collections.unmodifiableSortedSet(new TreeSet<>(flows));
    }

    /** Whether the link crosses silent hops. */
    public boolean viaSilentHops() {
        return gap > 1;
    }
}
