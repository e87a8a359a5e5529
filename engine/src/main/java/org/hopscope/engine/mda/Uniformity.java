package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Whether a random flow is equally likely to cross each node of a TTL, which the hop-level stopping
 * rule assumes. Computed from the graph, not from counts: per-flow balancers split evenly over
 * their next hops, so a node's share is the sum, over its predecessors, of the predecessor's share
 * divided by its out-degree. A width-asymmetric diamond (nodes of one TTL with different out-degrees,
 * Vermeulen et al. 2018 §3.3) makes the next TTL uneven, and so does every TTL after it until the
 * paths merge; there MDA-Lite falls back to node control.
 */
final class Uniformity {
    private static final double TOLERANCE = 1e-6;

    private final Exploration x;
    private final Map<Integer, Map<InetAddress, Double>> shares = new HashMap<>();

    Uniformity(Exploration x) {
        this.x = x;
    }

    /** Recomputes the shares at {@code ttl} from those at {@code ttl - 1}; true if they are all equal. */
    boolean uniform(int ttl) {
        Map<InetAddress, Double> s = compute(ttl);
        shares.put(ttl, s);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double v : s.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return s.size() < 2 || max <= min * (1 + TOLERANCE);
    }

    private Map<InetAddress, Double> compute(int ttl) {
        Set<InetAddress> here = x.obs.addresses(ttl);
        Map<InetAddress, Double> prev = shares.get(ttl - 1);
        Map<InetAddress, Double> s = new LinkedHashMap<>();
        if (prev == null || prev.isEmpty() || ttl - 1 < x.firstTtl) {
            here.forEach(a -> s.put(a, 1.0 / here.size()));
            return s;
        }
        PairEvidence e = PairEvidence.between(x.obs, ttl - 1);
        double known = 0;
        int unknown = 0;
        for (InetAddress b : here) {
            double v = 0;
            for (InetAddress a : e.predecessors.getOrDefault(b, Set.of())) {
                if (!x.obs.terminal(ttl - 1, a)) {
                    v += prev.getOrDefault(a, 0.0) / Math.max(1, e.outDegree(a));
                }
            }
            if (v > 0) {
                s.put(b, v);
                known += v;
            } else {
                unknown++;
                s.put(b, -1.0);
            }
        }
        // Nodes without a proven predecessor: assume the average share.
        double fill = s.size() == unknown ? 1.0 : known / (s.size() - unknown);
        double total = 0;
        for (Map.Entry<InetAddress, Double> en : s.entrySet()) {
            if (en.getValue() < 0) {
                en.setValue(fill);
            }
            total += en.getValue();
        }
        for (Map.Entry<InetAddress, Double> en : s.entrySet()) {
            en.setValue(en.getValue() / total);
        }
        return s;
    }
}
