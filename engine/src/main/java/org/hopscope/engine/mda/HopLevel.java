package org.hopscope.engine.mda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hopscope.engine.transport.TransportException;

/**
 * MDA-Lite's hop-level stopping rule (Vermeulen et al., IMC 2018, §3.1): with {@code k} nodes seen at
 * a TTL, {@code n(k)} flows sent there rule out a {@code k+1}-th, if flows spread evenly over the
 * TTL's nodes (an unmeshed, width-symmetric diamond). No node control: the flows are simply those of
 * the previous TTL's sample, so every answer also proves a link, then new ones.
 *
 * <p>Only the sample counts toward the rule: flows probed for other reasons (reconnecting links, the
 * meshing test, node control) were chosen for the node they cross and would bias it. A flow
 * unanswered while others answered is not asked again and not counted (see {@link #probe}), but is
 * carried on; when nothing answers at a TTL, its flows stand for one silent node.
 */
final class HopLevel {
    private static final int STAR_FACTOR = 3;

    private final Exploration x;

    HopLevel(Exploration x) {
        this.x = x;
    }

    /**
     * Probes {@code ttl} until the rule holds.
     *
     * @param carried the previous TTL's sample, reused first and in order
     * @return the sample at {@code ttl}: flows that crossed it and have not ended
     */
    List<Integer> probe(int ttl, List<Integer> carried) throws TransportException, InterruptedException {
        int cursor = 0;
        List<Integer> broughtForward = new ArrayList<>();
        int bringForwardProbes = 0;
        boolean converged = convergedBefore(ttl);
        while (x.canContinue()) {
            boolean hopAnswers = !x.obs.addresses(ttl).isEmpty();
            int answered = 0;
            int silent = 0;
            int probes = 0;
            for (Observations.Cell c : x.obs.at(ttl).values()) {
                if (!c.sample) {
                    continue;
                }
                probes += c.probes;
                if (c.answered()) {
                    answered++;
                } else if (!hopAnswers) {
                    silent++;
                }
                // else: unknown. A flow unanswered where others answer met a silent sibling, a rate
                // limiter or a loss; it is not asked again (that only feeds a limiter) and does not
                // count: n(k) answered flows rule out a (k+1)-th answering interface whatever share
                // of flows the silent ones take. It is still carried to the next TTL.
            }
            int k = hopAnswers ? x.obs.addresses(ttl).size() : 1;
            int need = x.settings.n(k);
            int missing = need - answered - silent;
            if (missing <= 0 || probes >= STAR_FACTOR * need + 2 * x.settings.n(1)) {
                break;
            }
            Batch requests = new Batch();
            while (missing > 0 && cursor < carried.size()) {
                int f = carried.get(cursor++);
                if (!x.obs.probed(ttl, f) && !x.obs.endedBefore(f, ttl)) {
                    requests.add(ProbeRequest.of(ttl, f), ProbePurpose.DISCOVERY);
                    missing--;
                }
            }
            for (int f : broughtForward) {
                if (missing > 0 && !x.obs.probed(ttl, f) && !x.obs.endedBefore(f, ttl)) {
                    requests.add(ProbeRequest.of(ttl, f), ProbePurpose.DISCOVERY);
                    missing--;
                }
            }
            if (missing > 0 && converged && requests.isEmpty() && bringForwardProbes < 4 * need) {
                bringForwardProbes += bringForward(ttl - 1, missing, broughtForward);
                continue;
            }
            while (missing > 0) {
                int f = x.freshFlow();
                if (f < 0) {
                    break;
                }
                requests.add(ProbeRequest.of(ttl, f), ProbePurpose.DISCOVERY);
                missing--;
            }
            if (requests.isEmpty()) {
                break;
            }
            x.send(requests, true);
        }
        return sample(ttl);
    }

    /**
     * The sample flows at {@code ttl} that crossed it (answered, or silent) and have not ended, less
     * those that reached an interface already explored from an earlier TTL (converged paths).
     */
    List<Integer> sample(int ttl) {
        List<Integer> r = new ArrayList<>();
        for (Map.Entry<Integer, Observations.Cell> e : x.obs.at(ttl).entrySet()) {
            Observations.Cell c = e.getValue();
            if (c.sample && !c.terminal && !merged(c, ttl)) {
                r.add(e.getKey());
            }
        }
        return r;
    }

    /** Every flow at {@code ttl} that crossed it and has not ended (the sample after node control). */
    List<Integer> allCrossing(int ttl) {
        boolean hopAnswers = !x.obs.addresses(ttl).isEmpty();
        List<Integer> r = new ArrayList<>();
        for (Map.Entry<Integer, Observations.Cell> e : x.obs.at(ttl).entrySet()) {
            Observations.Cell c = e.getValue();
            if (!c.terminal && !merged(c, ttl) && (c.answered() || !hopAnswers || c.stars >= 2)) {
                r.add(e.getKey());
            }
        }
        return r;
    }

    /**
     * After paths converged at {@code ttl - 1}, a new flow sent straight to {@code ttl} may follow a
     * converged path and show its nodes at a shifted TTL, as if they were new siblings. So new flows
     * are first sent to {@code ttl - 1} and only those that did not land on an interface explored
     * earlier go on (bringing flows forward, one hop).
     *
     * @return probes sent
     */
    private int bringForward(int prev, int missing, List<Integer> into)
            throws TransportException, InterruptedException {
        Batch b = new Batch();
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < 2 * missing; i++) {
            int f = x.freshFlow();
            if (f < 0) {
                break;
            }
            fresh.add(f);
            b.add(ProbeRequest.of(prev, f), ProbePurpose.BRING_FORWARD);
        }
        x.send(b, false);
        for (int f : fresh) {
            Observations.Cell c = x.obs.cell(prev, f);
            if (c != null && !c.terminal && !merged(c, prev)) {
                into.add(f);
            }
        }
        return Math.max(1, b.size());
    }

    /** Whether some sample flow at {@code ttl - 1} reached an interface explored from an earlier TTL. */
    private boolean convergedBefore(int ttl) {
        for (Observations.Cell c : x.obs.at(ttl - 1).values()) {
            if (c.sample && merged(c, ttl - 1)) {
                return true;
            }
        }
        return false;
    }

    private boolean merged(Observations.Cell c, int ttl) {
        return c.answered() && x.obs.seenBefore(c.first(), ttl);
    }
}
