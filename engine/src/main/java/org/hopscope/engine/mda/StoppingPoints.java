package org.hopscope.engine.mda;

import java.util.ArrayList;
import java.util.List;

/**
 * The Multipath Detection Algorithm's stopping points: {@code n(k)} is how many distinct flows must
 * have reached a node's successors, with only {@code k} successors seen, before the hypothesis that
 * there are {@code k+1} is rejected at the per-node failure probability {@code epsilon}.
 *
 * <p>Exact form (Veitch et al., "Failure control in multipath route tracing", INFOCOM 2009): under a
 * uniform balancer with {@code K = k+1} next hops, {@code n(k)} is the smallest {@code n} for which the
 * probability that {@code n} flows reach at most {@code k} of the {@code K} next hops is at most
 * {@code epsilon}. Computed with a Markov chain over "next hops seen so far" rather than by
 * inclusion-exclusion, whose alternating sums lose all precision in doubles for large K. This
 * reproduces scamper's tracelb table (95%: 6, 11, 16, 21, 27, 33, 38, 44, 51 ...; 99%: 8, 15, 21, 28,
 * 36, 43, 51 ...), which the unit test checks; Diamond-Miner's union-bound closed form is slightly
 * more conservative (39 instead of 38 at k = 7).
 */
public final class StoppingPoints {
    /** The largest number of next hops per node the table is computed for by default. */
    public static final int DEFAULT_MAX_BRANCHING = 128;

    private final double epsilon;
    private final int[] n; // n[k] for k = 1..maxK

    private StoppingPoints(double epsilon, int[] n) {
        this.epsilon = epsilon;
        this.n = n;
    }

    /** The table for a per-node confidence, e.g. 0.95, covering up to {@code maxK} next hops seen. */
    public static StoppingPoints forNodeConfidence(double confidence, int maxK) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
        if (maxK < 1 || maxK > 4096) {
            throw new IllegalArgumentException("maxK must be 1..4096, got " + maxK);
        }
        double eps = 1 - confidence;
        int[] n = new int[maxK + 1];
        for (int k = 1; k <= maxK; k++) {
            n[k] = smallestN(k + 1, eps, Math.max(k, k == 1 ? 1 : n[k - 1]));
        }
        return new StoppingPoints(eps, n);
    }

    /**
     * The table for a confidence over a whole trace: with at most {@code maxBranching} load-balanced
     * nodes to test, each node gets {@code 1 - (1 - confidence)^(1 / maxBranching)}
     * (libparistraceroute's bound.c), so the failures of all of them together stay within budget.
     */
    public static StoppingPoints forTraceConfidence(double confidence, int maxBranching, int maxK) {
        if (maxBranching < 1) {
            throw new IllegalArgumentException("maxBranching must be at least 1");
        }
        double perNode = Math.pow(confidence, 1.0 / maxBranching);
        return forNodeConfidence(perNode, maxK);
    }

    /** Per-node failure probability this table was made for. */
    public double epsilon() {
        return epsilon;
    }

    public int maxK() {
        return n.length - 1;
    }

    /**
     * Flows needed at a node with {@code k} next hops seen to stop there; beyond the table the last
     * step's slope is extended (never reached with realistic balancers, which have at most 16-64
     * next hops).
     */
    public int flowsNeeded(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        if (k < n.length) {
            return n[k];
        }
        int last = n.length - 1;
        int slope = last >= 2 ? n[last] - n[last - 1] : n[last];
        return n[last] + (k - last) * slope;
    }

    public List<Integer> asList() {
        List<Integer> l = new ArrayList<>();
        for (int k = 1; k < n.length; k++) {
            l.add(n[k]);
        }
        return l;
    }

    /** Probability that {@code draws} uniform draws over {@code bins} bins leave at least one empty. */
    static double probabilityNotAllSeen(int bins, int draws) {
        double[] seen = new double[bins + 1]; // seen[j]: probability exactly j bins hit so far
        seen[0] = 1.0;
        for (int d = 0; d < draws; d++) {
            for (int j = Math.min(d + 1, bins); j >= 1; j--) {
                seen[j] = seen[j] * j / bins + seen[j - 1] * (bins - j + 1) / bins;
            }
            seen[0] = 0.0;
        }
        return 1.0 - seen[bins];
    }

    private static int smallestN(int bins, double eps, int start) {
        // Extend the chain one draw at a time instead of recomputing from scratch for each n.
        double[] seen = new double[bins + 1];
        seen[0] = 1.0;
        int draws = 0;
        while (true) {
            for (int j = Math.min(draws + 1, bins); j >= 1; j--) {
                seen[j] = seen[j] * j / bins + seen[j - 1] * (bins - j + 1) / bins;
            }
            seen[0] = 0.0;
            draws++;
            if (draws >= start && 1.0 - seen[bins] <= eps) {
                return draws;
            }
            if (draws > 1_000_000) {
                throw new IllegalStateException("no stopping point below 10^6 for " + bins + " bins");
            }
        }
    }
}
