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
 * unanswered while others answered is asked once more; still silent, it stands for a silent node of
 * the TTL (counted as one more node) and is kept in the sample, since it did cross the TTL.
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
        while (x.canContinue()) {
            boolean hopAnswers = !x.obs.addresses(ttl).isEmpty();
            int answered = 0;
            int silent = 0;
            int probes = 0;
            List<Integer> retry = new ArrayList<>();
            for (Map.Entry<Integer, Observations.Cell> e : x.obs.at(ttl).entrySet()) {
                Observations.Cell c = e.getValue();
                if (!c.sample) {
                    continue;
                }
                probes += c.probes;
                if (c.answered()) {
                    answered++;
                } else if (!hopAnswers || c.stars >= 2) {
                    silent++;
                } else {
                    retry.add(e.getKey());
                }
            }
            int k = x.obs.addresses(ttl).size() + (silent > 0 ? 1 : 0);
            int need = x.settings.n(k);
            int missing = need - answered - silent - retry.size();
            if ((retry.isEmpty() && missing <= 0) || probes >= STAR_FACTOR * need + 2 * x.settings.n(1)) {
                break;
            }
            List<ProbeRequest> requests = new ArrayList<>();
            for (int f : retry) {
                requests.add(ProbeRequest.of(ttl, f));
            }
            while (missing > 0 && cursor < carried.size()) {
                int f = carried.get(cursor++);
                if (!x.obs.probed(ttl, f) && !x.obs.endedBefore(f, ttl)) {
                    requests.add(ProbeRequest.of(ttl, f));
                    missing--;
                }
            }
            while (missing > 0) {
                int f = x.freshFlow();
                if (f < 0) {
                    break;
                }
                requests.add(ProbeRequest.of(ttl, f));
                missing--;
            }
            if (requests.isEmpty()) {
                break;
            }
            x.send(requests, true);
        }
        return sample(ttl);
    }

    /** The sample flows at {@code ttl} that crossed it (answered, or silent) and have not ended. */
    List<Integer> sample(int ttl) {
        boolean hopAnswers = !x.obs.addresses(ttl).isEmpty();
        List<Integer> r = new ArrayList<>();
        for (Map.Entry<Integer, Observations.Cell> e : x.obs.at(ttl).entrySet()) {
            Observations.Cell c = e.getValue();
            if (!c.sample || c.terminal) {
                continue;
            }
            if (c.answered() || !hopAnswers || c.stars >= 2) {
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
            if (!c.terminal && (c.answered() || !hopAnswers || c.stars >= 2)) {
                r.add(e.getKey());
            }
        }
        return r;
    }
}
