package org.hopscope.engine.graph;

import java.net.InetAddress;
import java.util.List;

/**
 * A node with several next hops.
 *
 * @param address the balancing interface (the source address when the prober's own host balances),
 *     or null when a per-packet balancer upstream hides which interface it is
 * @param ttl the TTL it answered at
 * @param nextHops its next hops
 * @param kind per-flow, per-packet, or unknown when no flow was sent through it twice
 * @param evidence probe sequence numbers that decided the kind (the resends of one flow)
 */
public record Balancer(InetAddress address, int ttl, List<InetAddress> nextHops, Kind kind, List<Long> evidence) {

    public enum Kind {
        /** Packets of one flow always take the same next hop (hash of the flow identifier). */
        PER_FLOW,
        /** Packets of one flow take different next hops (round robin, random). */
        PER_PACKET,
        /** Not tested: no flow through it was sent to the next TTL more than once. */
        UNKNOWN
    }

    public Balancer {
        nextHops = List.copyOf(nextHops);
        evidence = List.copyOf(evidence);
    }
}
