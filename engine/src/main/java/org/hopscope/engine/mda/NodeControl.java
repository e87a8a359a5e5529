package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.hopscope.engine.transport.TransportException;

/**
 * The MDA's per-node step: probe the next hops of every node at one TTL until each satisfies the
 * stopping rule with flows known to pass through it (Augustin et al., E2EMON 2007; Veitch et al.,
 * INFOCOM 2009). A node with {@code k} next hops seen needs {@code n(k)} flows through it to have
 * reached the next TTL; flows it lacks are brought forward: new flows are sent at the node's own
 * TTL until enough land on it (MMLPT's "stochastic probing", scamper's BRINGFWD), or sent straight
 * to the next TTL when every flow crosses the node anyway.
 */
final class NodeControl {
    /** Rounds per TTL before giving up (a node no new flow ever reaches). */
    private static final int MAX_ROUNDS = 400;
    /** Probes per node beyond which an unanswering next hop is taken as it is (rate limiting). */
    private static final int STAR_FACTOR = 3;
    /** New flows sent at one TTL in one round to bring flows forward, at most. */
    private static final int MAX_BRING_FORWARD = 1024;

    private final Exploration x;

    NodeControl(Exploration x) {
        this.x = x;
    }

    /** Satisfies the stopping rule of every node at {@code ttl} toward {@code ttl + 1}. */
    void satisfy(int ttl) throws TransportException, InterruptedException {
        if (ttl + 1 > x.maxTtl) {
            return;
        }
        for (int round = 0; round < MAX_ROUNDS && x.canContinue(); round++) {
            Batch requests = new Batch();
            Set<Integer> queued = new LinkedHashSet<>();
            Map<Integer, Integer> freshAt = new LinkedHashMap<>();
            for (NodeKey v : x.layers.parents(ttl)) {
                Fanout f = x.layers.fanout(v, ttl);
                int need = x.settings.n(f.k());
                if (f.probes() >= STAR_FACTOR * need + 2 * x.settings.n(1)) {
                    continue; // mostly unanswered: rate limited or lossy; what was seen stands
                }
                for (int flow : f.retry()) {
                    if (queued.add(flow)) {
                        requests.add(ProbeRequest.of(ttl + 1, flow), ProbePurpose.RETRY);
                    }
                }
                int missing = need - f.reached() - f.retry().size();
                for (int flow : f.unprobed()) {
                    if (missing <= 0) {
                        break;
                    }
                    if (queued.add(flow)) {
                        requests.add(ProbeRequest.of(ttl + 1, flow), ProbePurpose.NODE_CONTROL);
                    }
                    missing--;
                }
                if (missing > 0) {
                    bringForward(v, ttl, missing, requests, queued, freshAt);
                }
            }
            for (Map.Entry<Integer, Integer> e : freshAt.entrySet()) {
                for (int i = 0; i < e.getValue(); i++) {
                    int flow = x.freshFlow();
                    if (flow < 0) {
                        break;
                    }
                    requests.add(ProbeRequest.of(e.getKey(), flow), ProbePurpose.BRING_FORWARD);
                }
            }
            if (requests.isEmpty()) {
                return;
            }
            x.send(requests, false);
        }
    }

    /**
     * Finds {@code missing} more flows through {@code v} (at {@code ttl}). Flows certain to cross it
     * go straight to {@code ttl + 1}; otherwise new flows are sent at {@code ttl} in proportion to
     * the share of flows that land on {@code v} there (recorded in {@code freshAt}, shared by all
     * nodes of the TTL since one new flow may serve any of them).
     */
    private void bringForward(NodeKey v, int ttl, int missing, Batch requests, Set<Integer> queued,
            Map<Integer, Integer> freshAt) {
        if (v instanceof NodeKey.Source || x.layers.sole(ttl)) {
            for (int i = 0; i < missing; i++) {
                int flow = x.freshFlow();
                if (flow < 0) {
                    return;
                }
                queued.add(flow);
                requests.add(ProbeRequest.of(ttl + 1, flow), ProbePurpose.DISCOVERY);
            }
            return;
        }
        if (v instanceof NodeKey.Star s) {
            boolean fullySilent = x.layers.fanout(s.parent(), ttl - 1).answered() == 0;
            if (fullySilent) {
                // Every flow through the parent reaches this silent node: bring flows to the parent.
                bringForward(s.parent(), ttl - 1, missing, requests, queued, freshAt);
            }
            return; // a silent sibling of answering nodes keeps the flows it has
        }
        InetAddress a = ((NodeKey.Addr) v).address();
        double share = Math.max(x.layers.share(ttl, a), 1.0 / 64);
        int count = (int) Math.min(MAX_BRING_FORWARD, Math.ceil(missing / share));
        freshAt.merge(ttl, count, Math::max);
    }
}
