package org.hopscope.engine.mda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hopscope.engine.transport.TransportException;

/**
 * Per-flow or per-packet? Once a node shows two or more next hops, one flow that crossed it is sent
 * again to the next TTL, n(1) times in all (6 at 95%): a per-flow balancer answers from the same
 * next hop every time, a per-packet one sooner or later from another (scamper's tracelb,
 * {@code handleicmp_perpacket}; paris-traceroute's exhaustive mode). With K uniform next hops a
 * per-packet balancer hides with probability (1/K)^(n(1)-1) ≤ 1/32, the per-node ε. The resends go
 * out back to back in their own batch so a round-robin balancer's alternation shows.
 *
 * <p>Inside the spread of an upstream per-packet balancer (no single-node TTL since), a flow's path to
 * the node is itself random, so resending it tells nothing about the node: it is left unclassified.
 */
final class BalancerTest {
    private final Exploration x;

    BalancerTest(Exploration x) {
        this.x = x;
    }

    void classify(int ttl) throws TransportException, InterruptedException {
        if (!x.settings.classifyBalancers() || ttl + 1 > x.maxTtl || perPacketUpstream(ttl)) {
            return;
        }
        Map<NodeKey, Boolean> done = x.perPacket.computeIfAbsent(ttl, t -> new HashMap<>());
        for (NodeKey v : x.layers.parents(ttl)) {
            if (v instanceof NodeKey.Star || done.containsKey(v) || !x.canContinue()) {
                continue;
            }
            Fanout f = x.layers.fanout(v, ttl);
            if (f.next().size() < 2) {
                continue;
            }
            int flow = -1;
            for (int candidate : x.layers.flowsThrough(v, ttl)) {
                Observations.Cell c = x.obs.cell(ttl + 1, candidate);
                if (c != null && c.answered()) {
                    flow = candidate;
                    break;
                }
            }
            if (flow < 0) {
                continue;
            }
            Observations.Cell c = x.obs.cell(ttl + 1, flow);
            int resends = Math.max(1, x.settings.n(1) - c.probes);
            List<ProbeRequest> batch = new ArrayList<>();
            for (int i = 0; i < resends; i++) {
                batch.add(ProbeRequest.of(ttl + 1, flow));
            }
            x.send(batch, false);
            done.put(v, x.obs.cell(ttl + 1, flow).answers.size() > 1);
        }
    }

    /** Whether a per-packet balancer before {@code ttl} spreads flows over several nodes up to it. */
    boolean perPacketUpstream(int ttl) {
        for (int t = ttl; t > x.layers.sourceTtl(); t--) {
            if (x.layers.nodes(t).size() <= 1) {
                return false;
            }
            Map<NodeKey, Boolean> m = x.perPacket.get(t - 1);
            if (m != null && m.containsValue(true)) {
                return true;
            }
        }
        return false;
    }
}
