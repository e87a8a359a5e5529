package org.hopscope.engine.pmtu;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What path MTU discovery found.
 *
 * @param startSize the size probing began with
 * @param firstLinkMtu the largest probe the source's own stack would send, when it refused larger ones
 *     (its interface MTU; or a path MTU the kernel had already learned, unless the transport sends
 *     with {@code IP_PMTUDISC_PROBE}), else -1
 * @param pathMtu the path MTU to the last hop reached
 * @param hops one entry per TTL probed, in order
 * @param reachedDestination whether the target answered
 * @param probesSent probes sent in all
 * @param detail why discovery ended early (stopped, transport failure), or ""
 */
public record PathMtuResult(InetAddress target, InetAddress source, int startSize, int firstLinkMtu, int pathMtu,
        List<HopMtu> hops, boolean reachedDestination, int probesSent, String detail) {

    public PathMtuResult {
        hops = List.copyOf(hops);
    }

    public Optional<HopMtu> hop(int ttl) {
        return hops.stream().filter(h -> h.ttl() == ttl).findFirst();
    }

    /** The hops whose outgoing link is narrower than the path before it. */
    public List<HopMtu> reductions() {
        return hops.stream().filter(HopMtu::reducedHere).toList();
    }
}
