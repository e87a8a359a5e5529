package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The theoretical probability that a multipath run misses an interface or a link of a known
 * topology, the figure a validation run is held to (fakeroute's method, probing-facts §2.6).
 *
 * <p>For one node with K next hops under a uniform per-flow balancer, {@link #nodeFailure} is exact:
 * a Markov chain over "next hops seen" that stops as soon as the flows sent reach n(k) for the k seen
 * (fakeroute's {@code failureProbabilityForK}, Veitch et al. 2009). Nodes decide independently (each
 * hashes with its own key and the flows that reach it were chosen without looking at its choice), so
 * a topology is discovered completely with probability at least Π (1 - p(K_v)) over its balancer
 * nodes (at each TTL they appear at); the bound is {@code 1 - Π}. For MDA-Lite, a TTL explored with
 * the hop-level rule counts as one K-way node with K = its width, and TTLs where it falls back to
 * node control (meshed, or uneven spread) count node by node. The meshing test itself is a
 * heuristic with no bound, so the MDA-Lite figure holds on unmeshed topologies only.
 */
public final class FailureBounds {
    private FailureBounds() {
    }

    /** Probability that MDA with these stopping points finds fewer than all {@code k} next hops. */
    public static double nodeFailure(int k, MdaSettings s) {
        if (k < 2) {
            return 0;
        }
        double[] running = new double[k + 1]; // running[j]: not stopped, j next hops seen
        running[0] = 1;
        double failure = 0;
        for (int probe = 1; probe <= s.n(k); probe++) {
            double[] next = new double[k + 1];
            for (int j = 0; j <= k; j++) {
                if (running[j] == 0) {
                    continue;
                }
                next[j] += running[j] * j / k;
                if (j < k) {
                    next[j + 1] += running[j] * (k - j) / (double) k;
                }
            }
            for (int j = 1; j <= k; j++) {
                if (j == k) {
                    next[j] = 0; // all found: success, whatever comes next
                } else if (probe >= s.n(j)) {
                    failure += next[j];
                    next[j] = 0;
                }
            }
            running = next;
        }
        return failure;
    }

    /**
     * A topology seen TTL by TTL: each path lists the address answering at TTL 1, 2, ... (null where
     * no one answers), as ground truth gives it.
     */
    public static double mda(List<List<InetAddress>> paths, MdaSettings s) {
        Layered g = new Layered(paths);
        double success = 1;
        for (int t = 0; t < g.maxTtl; t++) {
            for (InetAddress v : g.nodes(t)) {
                success *= 1 - nodeFailure(g.successors(t, v).size(), s);
            }
        }
        return 1 - success;
    }

    /** The MDA-Lite figure for the same topology (see the class comment). */
    public static double mdaLite(List<List<InetAddress>> paths, MdaSettings s) {
        Layered g = new Layered(paths);
        double success = 1;
        boolean meshedMode = false;
        Map<InetAddress, Double> shares = Map.of(Layered.SOURCE, 1.0);
        for (int t = 1; t <= g.maxTtl; t++) {
            Set<InetAddress> here = g.nodes(t);
            Map<InetAddress, Double> now = g.shares(t, shares);
            boolean nodeLevel;
            if (meshedMode) {
                nodeLevel = true;
            } else if (g.nodes(t - 1).size() >= 2 && here.size() >= 2 && g.meshed(t - 1)) {
                meshedMode = true;
                nodeLevel = true;
            } else {
                nodeLevel = !uniform(now);
            }
            if (nodeLevel) {
                for (InetAddress v : g.nodes(t - 1)) {
                    success *= 1 - nodeFailure(g.successors(t - 1, v).size(), s);
                }
            } else {
                success *= 1 - nodeFailure(here.size(), s);
            }
            if (meshedMode && here.size() <= 1) {
                meshedMode = false;
            }
            shares = now;
        }
        return 1 - success;
    }

    private static boolean uniform(Map<InetAddress, Double> shares) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double v : shares.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return shares.size() < 2 || max <= min * (1 + 1e-6);
    }

    /** The ground-truth graph layered by TTL; TTL 0 holds a stand-in for the prober. */
    private static final class Layered {
        static final InetAddress SOURCE = InetAddress.getLoopbackAddress();
        final int maxTtl;
        final Map<Integer, Map<InetAddress, Set<InetAddress>>> succ = new HashMap<>();

        Layered(List<List<InetAddress>> paths) {
            int max = 0;
            for (List<InetAddress> p : paths) {
                max = Math.max(max, p.size());
                InetAddress prev = SOURCE;
                for (int i = 0; i < p.size(); i++) {
                    InetAddress a = p.get(i);
                    if (a == null) {
                        prev = null;
                        continue;
                    }
                    if (prev != null) {
                        succ.computeIfAbsent(i, k -> new LinkedHashMap<>())
                                .computeIfAbsent(prev, k -> new LinkedHashSet<>()).add(a);
                    }
                    succ.computeIfAbsent(i + 1, k -> new LinkedHashMap<>()).computeIfAbsent(a,
                            k -> new LinkedHashSet<>());
                    prev = a;
                }
            }
            succ.computeIfAbsent(0, k -> new LinkedHashMap<>()).computeIfAbsent(SOURCE, k -> new LinkedHashSet<>());
            maxTtl = max;
        }

        Set<InetAddress> nodes(int t) {
            return succ.getOrDefault(t, Map.of()).keySet();
        }

        Set<InetAddress> successors(int t, InetAddress v) {
            return succ.getOrDefault(t, Map.of()).getOrDefault(v, Set.of());
        }

        /** Each node's chance to be crossed by a random flow, normalised over the TTL. */
        Map<InetAddress, Double> shares(int t, Map<InetAddress, Double> before) {
            Map<InetAddress, Double> r = new LinkedHashMap<>();
            for (InetAddress a : nodes(t - 1)) {
                Set<InetAddress> out = successors(t - 1, a);
                for (InetAddress b : out) {
                    r.merge(b, before.getOrDefault(a, 0.0) / out.size(), Double::sum);
                }
            }
            double total = r.values().stream().mapToDouble(Double::doubleValue).sum();
            if (total > 0) {
                r.replaceAll((k, v) -> v / total);
            }
            return r;
        }

        boolean meshed(int t) {
            Map<InetAddress, Integer> in = new HashMap<>();
            boolean fanOut = false;
            for (InetAddress a : nodes(t)) {
                Set<InetAddress> out = successors(t, a);
                fanOut |= out.size() >= 2;
                for (InetAddress b : out) {
                    in.merge(b, 1, Integer::sum);
                }
            }
            return fanOut && in.values().stream().anyMatch(c -> c >= 2);
        }
    }
}
