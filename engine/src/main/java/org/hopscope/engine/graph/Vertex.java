package org.hopscope.engine.graph;

import java.net.InetAddress;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hopscope.engine.probe.FlowId;

/**
 * One interface of the topology.
 *
 * @param ttls the TTLs it answered at (several on diamonds with branches of unequal length; 0 for
 *     the source)
 * @param flows every flow it answered
 * @param replies replies received from it
 */
public record Vertex(InetAddress address, Role role, SortedSet<Integer> ttls, SortedSet<FlowId> flows, int replies) {

    public enum Role {
        /** The prober. */
        SOURCE,
        /** A router that answered time exceeded. */
        ROUTER,
        /** The target itself. */
        DESTINATION,
        /** A router that answered destination unreachable: the path ends there. */
        UNREACHABLE
    }

    public Vertex {
        ttls = Collections.unmodifiableSortedSet(new TreeSet<>(ttls));
        flows = Collections.unmodifiableSortedSet(new TreeSet<>(flows));
    }

    public int firstTtl() {
        return ttls.isEmpty() ? 0 : ttls.first();
    }
}
