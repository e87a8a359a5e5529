package org.hopscope.engine.graph;

import java.net.InetAddress;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hopscope.engine.probe.FlowId;

/**
 * One interface at one TTL, with the flows that reached it there.
 *
 * @param avgRttMs mean RTT of its replies at this TTL
 * @param terminal it answered as the destination or with an unreachable
 */
public record HopInterface(InetAddress address, SortedSet<FlowId> flows, int replies, double avgRttMs,
        boolean terminal) {

    public HopInterface {
        flows = Collections.unmodifiableSortedSet(new TreeSet<>(flows));
    }
}
