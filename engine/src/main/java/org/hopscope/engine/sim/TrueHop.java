package org.hopscope.engine.sim;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Ground truth for one TTL of one flow: where a packet sent with TTL {@link #ttl} ends and who, if
 * anyone, answers it.
 *
 * @param node where the packet ends (the router whose TTL check stops it, the destination, ...)
 * @param address that node's address in the probe's family (the source of its answer)
 * @param answers whether it sends an answer (false: silent router, firewall drop, open UDP port...);
 *     losses and rate limits are not counted
 * @param quotedTtl the TTL its ICMP error quotes (1 normally; 0 behind a TTL-0 forwarder; more
 *     inside an MPLS tunnel with ttl-propagate), -1 when it sends no ICMP error
 */
public record TrueHop(int ttl, Node node, InetAddress address, Kind kind, boolean answers, int quotedTtl) {

    /** Why the packet ends here. */
    public enum Kind {
        /** Its TTL (or MPLS label TTL) ran out: a time exceeded, if the node is not silent. */
        TIME_EXCEEDED,
        /** It reached its destination. */
        DESTINATION,
        /** A router answered destination unreachable (no route or a reject rule). */
        UNREACHABLE,
        /** A rule dropped it silently. */
        DROPPED
    }

    /** Whether higher TTLs go further: only a TTL expiry lets the next TTL reach a new hop. */
    public boolean expired() {
        return kind == Kind.TIME_EXCEEDED;
    }

    /** The answering address per TTL (null where none answers), as {@link Topology#truePath} returns. */
    static List<InetAddress> addresses(List<TrueHop> hops) {
        List<InetAddress> r = new ArrayList<>();
        for (TrueHop h : hops) {
            r.add(h.answers() ? h.address() : null);
        }
        return Collections.unmodifiableList(r);
    }
}
