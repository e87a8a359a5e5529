package org.hopscope.engine.mda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hopscope.engine.transport.TransportException;

/**
 * The state one multipath run shares between its steps: what was seen, which flows exist, the
 * budget, and the balancer classifications made so far.
 */
final class Exploration {
    final MdaSettings settings;
    final FlowProber prober;
    final Observations obs = new Observations();
    final FlowAllocator flows;
    final Layers layers;
    final int firstTtl;
    final int maxTtl;
    final int maxMissingHops;
    /** TTL of the parent → node → classification (see {@link BalancerTest}). */
    final Map<Integer, Map<NodeKey, Boolean>> perPacket = new HashMap<>();
    final List<Integer> nodeControlTtls = new ArrayList<>();
    final List<Integer> meshedTtls = new ArrayList<>();
    final ProbeLedger ledger = new ProbeLedger();
    private boolean budgetExhausted;
    private long rounds;

    Exploration(MdaSettings settings, FlowProber prober, FlowAllocator flows, int firstTtl, int maxTtl,
            int maxMissingHops) {
        this.settings = settings;
        this.prober = prober;
        this.flows = flows;
        this.firstTtl = firstTtl;
        this.maxTtl = maxTtl;
        this.maxMissingHops = maxMissingHops;
        this.layers = new Layers(obs, firstTtl, flows);
        obs.mergeConverged = settings.mergeConverged();
    }

    /** Whether more probes may be sent: not stopped, budget and flow space left. */
    boolean canContinue() {
        return !prober.stopped() && !budgetExhausted;
    }

    boolean budgetExhausted() {
        return budgetExhausted;
    }

    long rounds() {
        return rounds;
    }

    /**
     * Sends a batch (cut to what the budget allows) and records the results.
     *
     * @param sample whether these probes are a hop's random sample (MDA-Lite's hop-level rule)
     * @param purpose why they are sent, for the ledger
     */
    List<ProbeResult> send(List<ProbeRequest> requests, boolean sample, ProbePurpose purpose)
            throws TransportException, InterruptedException {
        Batch b = new Batch();
        requests.forEach(r -> b.add(r, purpose));
        return send(b, sample);
    }

    /** Sends a batch whose probes have different purposes. */
    List<ProbeResult> send(Batch b, boolean sample) throws TransportException, InterruptedException {
        List<ProbeRequest> requests = b.requests;
        if (requests.isEmpty() || !canContinue()) {
            return List.of();
        }
        long left = settings.maxProbes() - prober.probesSent();
        List<ProbeRequest> batch = requests;
        if (left < requests.size()) {
            budgetExhausted = true;
            batch = requests.subList(0, (int) Math.max(0, left));
        }
        List<ProbeResult> results = prober.probe(batch);
        for (int i = 0; i < batch.size(); i++) {
            ledger.add(batch.get(i).ttl(), b.purposes.get(i), 1);
        }
        rounds++;
        for (ProbeResult r : results) {
            obs.record(r, sample);
        }
        if (prober.probesSent() >= settings.maxProbes()) {
            budgetExhausted = true;
        }
        return results;
    }

    /** A fresh flow, or -1 (and the budget is marked exhausted) when none is left. */
    int freshFlow() {
        int f = flows.fresh();
        if (f < 0) {
            budgetExhausted = true;
        }
        return f;
    }

    /** Whether the hop has nothing but answers from ended paths (destination, unreachable). */
    boolean allTerminal(int ttl) {
        return layers.parents(ttl).isEmpty();
    }

    /** Whether nothing answered at {@code ttl} though probes were sent. */
    boolean silent(int ttl) {
        return obs.addresses(ttl).isEmpty();
    }
}
