package org.hopscope.engine.mda;

/**
 * What the multipath algorithms need beyond {@link org.hopscope.engine.trace.TraceSettings}.
 *
 * @param stoppingPoints the n(k) table: per-node confidence (95% by default, 99% as an option) or
 *     derived from a whole-trace confidence and a maximum branching
 * @param confidenceLabel how the table was asked for, for documents ("95% per node", "95% per trace
 *     over 30 branches")
 * @param maxProbes probe budget: the trace ends, incomplete, once it has sent this many
 * @param meshingFlows MDA-Lite's meshing test: flows per vertex sent one hop back or forward (MMLPT's
 *     default 2, option {@code -f})
 * @param classifyBalancers resend one flow through every node with two or more next hops to tell
 *     per-packet from per-flow balancing (scamper's tracelb does the same)
 * @param maxInFlight probes allowed in flight at once (a window, so a real network is not flooded)
 * @param mergeConverged explore the successors of an interface once, from the earliest TTL it answers
 *     at, as scamper's tracelb does: paths of unequal length that converge on it are not followed
 *     further. Fewer probes; the interfaces and links are still all found, but only at the TTLs of
 *     the shortest way to them (off by default: the hop-indexed graph, which the fakeroute-style
 *     validation checks, has every interface at every TTL it occurs)
 */
public record MdaSettings(
        StoppingPoints stoppingPoints,
        String confidenceLabel,
        int maxProbes,
        int meshingFlows,
        boolean classifyBalancers,
        int maxInFlight,
        boolean mergeConverged) {

    /** scamper's default 95% per node (probing-facts §2.1). */
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** Balancers are narrower than this in practice (Augustin et al. saw at most 16 next hops). */
    public static final int TABLE_SIZE = 128;
    public static final int DEFAULT_MAX_PROBES = 20_000;
    public static final int DEFAULT_MESHING_FLOWS = 2;
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;

    public MdaSettings {
        if (stoppingPoints == null) {
            throw new IllegalArgumentException("stopping points are required");
        }
        if (maxProbes < 1) {
            throw new IllegalArgumentException("probe budget must be at least 1");
        }
        if (meshingFlows < 1 || meshingFlows > 16) {
            throw new IllegalArgumentException("meshing flows must be 1..16, got " + meshingFlows);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one probe must be allowed in flight");
        }
    }

    /** 95% per node, 20,000 probes, 2 meshing flows, balancers classified. */
    public static MdaSettings defaults() {
        return nodeConfidence(DEFAULT_CONFIDENCE);
    }

    /** Per-node confidence, e.g. 0.95 or 0.99. */
    public static MdaSettings nodeConfidence(double confidence) {
        return new MdaSettings(StoppingPoints.forNodeConfidence(confidence, TABLE_SIZE),
                percent(confidence) + " per node", DEFAULT_MAX_PROBES, DEFAULT_MESHING_FLOWS, true,
                DEFAULT_MAX_IN_FLIGHT, false);
    }

    /**
     * A confidence for the whole trace, spread over at most {@code maxBranching} balancer tests
     * (libparistraceroute's {@code -B confidence,max_branch}).
     */
    public static MdaSettings traceConfidence(double confidence, int maxBranching) {
        return new MdaSettings(StoppingPoints.forTraceConfidence(confidence, maxBranching, TABLE_SIZE),
                percent(confidence) + " per trace over " + maxBranching + " branches", DEFAULT_MAX_PROBES,
                DEFAULT_MESHING_FLOWS, true, DEFAULT_MAX_IN_FLIGHT, false);
    }

    public MdaSettings withMaxProbes(int v) {
        return new MdaSettings(stoppingPoints, confidenceLabel, v, meshingFlows, classifyBalancers, maxInFlight,
                mergeConverged);
    }

    public MdaSettings withMeshingFlows(int v) {
        return new MdaSettings(stoppingPoints, confidenceLabel, maxProbes, v, classifyBalancers, maxInFlight,
                mergeConverged);
    }

    public MdaSettings withClassifyBalancers(boolean v) {
        return new MdaSettings(stoppingPoints, confidenceLabel, maxProbes, meshingFlows, v, maxInFlight,
                mergeConverged);
    }

    public MdaSettings withMaxInFlight(int v) {
        return new MdaSettings(stoppingPoints, confidenceLabel, maxProbes, meshingFlows, classifyBalancers, v,
                mergeConverged);
    }

    public MdaSettings withMergeConverged(boolean v) {
        return new MdaSettings(stoppingPoints, confidenceLabel, maxProbes, meshingFlows, classifyBalancers, maxInFlight,
                v);
    }

    /** Flows needed at a node (or hop) with {@code k} next hops seen; 0 seen is treated as 1. */
    public int n(int k) {
        return stoppingPoints.flowsNeeded(Math.max(1, k));
    }

    /** The per-node failure probability the table was computed for. */
    public double epsilon() {
        return stoppingPoints.epsilon();
    }

    private static String percent(double c) {
        double p = c * 100;
        return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
    }
}
