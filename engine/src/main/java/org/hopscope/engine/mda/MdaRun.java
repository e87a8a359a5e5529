package org.hopscope.engine.mda;

import java.util.List;
import org.hopscope.engine.algo.Algorithm;

/**
 * How a multipath run went, beyond the probes themselves (which are in the trace snapshot).
 *
 * @param algorithm EXHAUSTIVE or LITE
 * @param confidence how the stopping points were chosen, e.g. "95% per node"
 * @param epsilon per-node failure probability of the stopping points
 * @param probesSent probes sent
 * @param flowsUsed distinct flow identifiers used
 * @param rounds batches sent (each costs about one round-trip time, or a timeout)
 * @param budgetExhausted the probe budget (or the flow space) ran out: the result may be incomplete
 * @param nodeControlTtls TTLs explored node by node (all of them for MDA; for MDA-Lite, meshed or
 *     width-asymmetric hops)
 * @param meshedTtls TTLs where MDA-Lite's meshing test found a mesh (between TTL-1 and TTL)
 * @param ledger probes per TTL and purpose
 */
public record MdaRun(
        Algorithm algorithm,
        String confidence,
        double epsilon,
        long probesSent,
        int flowsUsed,
        long rounds,
        boolean budgetExhausted,
        List<Integer> nodeControlTtls,
        List<Integer> meshedTtls,
        ProbeLedger ledger) {

    public MdaRun {
        nodeControlTtls = List.copyOf(nodeControlTtls);
        meshedTtls = List.copyOf(meshedTtls);
    }
}
