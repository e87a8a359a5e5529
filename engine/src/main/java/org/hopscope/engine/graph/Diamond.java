package org.hopscope.engine.graph;

import java.net.InetAddress;
import java.util.List;

/**
 * A diamond (Augustin et al., IMC 2006): the subgraph between a divergence point, an interface with
 * several next hops, and the convergence point where all its paths meet again.
 *
 * @param convergence where the paths meet, or null when they never do (they end apart: different
 *     terminals, or silence)
 * @param convergenceTtl its TTL on the shortest branch, or -1
 * @param interfaces the interfaces strictly between the two points
 * @param maxWidth the most interfaces at one TTL inside
 * @param minLength hops from divergence to convergence on the shortest branch
 * @param maxLength same on the longest; differs from {@code minLength} on unequal-length diamonds
 *     (where classic traceroute shows loops)
 * @param meshed some TTL pair inside has both an interface with two next hops and one with two
 *     predecessors (Vermeulen et al. 2018)
 * @param uniform every interface of a TTL inside has the same number of next hops, so a random flow
 *     is equally likely to cross each (width-symmetric)
 * @param balancing how the divergence point balances
 */
public record Diamond(
        InetAddress divergence,
        int divergenceTtl,
        InetAddress convergence,
        int convergenceTtl,
        List<InetAddress> interfaces,
        int maxWidth,
        int minLength,
        int maxLength,
        boolean meshed,
        boolean uniform,
        Balancer.Kind balancing) {

    public Diamond {
        interfaces = List.copyOf(interfaces);
    }

    /** Branches of equal length, evenly split, not meshed. */
    public boolean symmetric() {
        return minLength == maxLength && uniform && !meshed;
    }
}
