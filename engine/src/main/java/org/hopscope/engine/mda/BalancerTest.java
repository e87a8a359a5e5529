package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hopscope.engine.transport.TransportException;

/**
 * Per-flow or per-packet? Once a node shows two or more next hops, one flow that crossed it is sent
 * again to the next TTL, n(1) times in all (6 at 95%): a per-flow balancer answers from the same
 * next hop every time, a per-packet one sooner or later from another (scamper's tracelb,
 * {@code handleicmp_perpacket}; paris-traceroute's exhaustive mode). With K uniform next hops a
 * per-packet balancer hides with probability (1/K)^(n(1)-1) ≤ 1/32, the per-node ε. When the flows
 * already sent one TTL further prove per-flow balancing as strongly, the flow is only sent until it
 * has answered three times, which the topology model needs to print "per-flow". The resends go
 * out back to back in their own batch so a round-robin balancer's alternation shows.
 *
 * <p>Inside the spread of an upstream per-packet balancer (no single-node TTL since), a flow's path to
 * the node is itself random, so resending it tells nothing about the node: it is left unclassified.
 */
final class BalancerTest {
    /**
     * Answers from one flow that {@code graph.Balancers} takes as showing a per-flow balancer; sent
     * when the flows already probed prove it (see {@link #perFlowEvidence}).
     */
    private static final int ANSWERS_SHOWN_PER_FLOW = 3;

    private final Exploration x;

    BalancerTest(Exploration x) {
        this.x = x;
    }

    void classify(int ttl) throws TransportException, InterruptedException {
        if (!x.settings.classifyBalancers() || ttl < x.layers.sourceTtl() || ttl + 1 > x.maxTtl
                || perPacketUpstream(ttl)) {
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
            int target = perFlowEvidence(v, ttl, f.next().size()) ? ANSWERS_SHOWN_PER_FLOW : x.settings.n(1);
            int resends = Math.max(c.probes >= target ? 0 : 1, target - c.probes);
            List<ProbeRequest> batch = new ArrayList<>();
            for (int i = 0; i < resends; i++) {
                batch.add(ProbeRequest.of(ttl + 1, flow));
            }
            x.send(batch, false, ProbePurpose.CLASSIFY);
            done.put(v, x.obs.cell(ttl + 1, flow).answers.size() > 1);
        }
    }

    /**
     * Evidence already in hand that {@code v} balances per flow: the flows through it, followed one
     * TTL further, never cross from one of its next hops to a node another next hop leads to. A
     * per-packet balancer sends each probe of a flow anywhere, so after the first flow to reach a
     * node two TTLs on, each further flow to that node came through the same next hop only with
     * probability 1/K: (1/K)^(m - d) for m flows reaching d nodes. At most the per-node ε, this is
     * as strong as n(1) resends and costs nothing.
     */
    private boolean perFlowEvidence(NodeKey v, int ttl, int k) {
        Map<InetAddress, InetAddress> cameFrom = new HashMap<>();
        Set<InetAddress> nextHops = new HashSet<>();
        int m = 0;
        for (int flow : x.layers.flowsThrough(v, ttl)) {
            Observations.Cell a = x.obs.cell(ttl + 1, flow);
            Observations.Cell b = x.obs.cell(ttl + 2, flow);
            if (a == null || b == null || a.answers.size() != 1 || b.answers.size() != 1) {
                if (a != null && a.answers.size() > 1 || b != null && b.answers.size() > 1) {
                    return false;
                }
                continue;
            }
            InetAddress prev = cameFrom.putIfAbsent(b.first(), a.first());
            if (prev != null && !prev.equals(a.first())) {
                return false; // meshed, or per-packet: only resending one flow can tell
            }
            nextHops.add(a.first());
            m++;
        }
        int d = cameFrom.size();
        return nextHops.size() >= 2 && Math.pow(1.0 / k, m - d) <= x.settings.epsilon();
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
