package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph as the probes so far show it, TTL by TTL: which nodes exist at a TTL and which flows are
 * known to pass through each. Derived from {@link Observations} on demand and cached until the next
 * probe is recorded.
 *
 * <p>Node control (Augustin et al. 2007, §4): a node's next hops are probed only with flows known to
 * pass through it. A flow passes through an answering interface if it answered from it; through the
 * only node of a TTL if it has not ended before (every path crosses it); through a silent node if it
 * went through that node's parent and got no answer at this TTL even when asked twice (a flow that
 * answers on the second try was only unlucky; a flow that never answers while its siblings do is an
 * "unresponsive flow" and is not reused elsewhere, as MMLPT does with its black flows).
 */
final class Layers {
    private final Observations obs;
    private final int sourceTtl;
    private final FlowAllocator flows;
    private long cachedVersion = -1;
    private int cachedFlows = -1;
    private final Map<Integer, List<NodeKey>> nodes = new HashMap<>();
    private final Map<Integer, Map<NodeKey, List<Integer>>> through = new HashMap<>();

    Layers(Observations obs, int firstTtl, FlowAllocator flows) {
        this.obs = obs;
        this.sourceTtl = firstTtl - 1;
        this.flows = flows;
    }

    int sourceTtl() {
        return sourceTtl;
    }

    private void refresh() {
        if (cachedVersion != obs.version() || cachedFlows != flows.used()) {
            nodes.clear();
            through.clear();
            cachedVersion = obs.version();
            cachedFlows = flows.used();
        }
    }

    /** Nodes at {@code ttl}: answering interfaces in discovery order, then silent nodes. */
    List<NodeKey> nodes(int ttl) {
        refresh();
        List<NodeKey> cached = nodes.get(ttl);
        if (cached != null) {
            return cached;
        }
        List<NodeKey> r = new ArrayList<>();
        if (ttl <= sourceTtl) {
            r.add(NodeKey.SOURCE);
        } else {
            for (InetAddress a : obs.addresses(ttl)) {
                r.add(new NodeKey.Addr(a));
            }
            for (NodeKey p : parents(ttl - 1)) {
                if (!silentFlows(p, ttl - 1).isEmpty()) {
                    r.add(new NodeKey.Star(p));
                }
            }
        }
        List<NodeKey> result = List.copyOf(r);
        nodes.put(ttl, result);
        return result;
    }

    /**
     * Nodes at {@code ttl} whose successors are worth exploring: not the destination, not an
     * unreachable, not an interface already explored from an earlier TTL ({@link Observations#seenBefore}).
     */
    List<NodeKey> parents(int ttl) {
        List<NodeKey> r = new ArrayList<>();
        for (NodeKey v : nodes(ttl)) {
            if (!terminal(v, ttl) && !merged(v, ttl)) {
                r.add(v);
            }
        }
        return r;
    }

    /** Whether {@code v} is an interface whose successors were explored from an earlier TTL. */
    boolean merged(NodeKey v, int ttl) {
        return v instanceof NodeKey.Addr a && obs.seenBefore(a.address(), ttl);
    }

    boolean terminal(NodeKey v, int ttl) {
        return v instanceof NodeKey.Addr a && obs.terminal(ttl, a.address());
    }

    /** Whether every flow that has not ended crosses the one node at {@code ttl}. */
    boolean sole(int ttl) {
        return nodes(ttl).size() == 1;
    }

    /** Flows known to pass through {@code v} at {@code ttl}, in the order they were first used. */
    List<Integer> flowsThrough(NodeKey v, int ttl) {
        refresh();
        Map<NodeKey, List<Integer>> m = through.computeIfAbsent(ttl, t -> new HashMap<>());
        List<Integer> cached = m.get(v);
        if (cached != null) {
            return cached;
        }
        List<Integer> r = compute(v, ttl);
        m.put(v, r);
        return r;
    }

    private List<Integer> compute(NodeKey v, int ttl) {
        if (v instanceof NodeKey.Source) {
            List<Integer> all = new ArrayList<>();
            for (int f = 0; f < flows.used(); f++) {
                all.add(f);
            }
            return all;
        }
        if (v instanceof NodeKey.Addr a) {
            Set<Integer> r = new LinkedHashSet<>(obs.flowsAnswering(ttl, a.address()));
            if (sole(ttl) && !terminal(v, ttl)) {
                for (int f = 0; f < flows.used(); f++) {
                    if (!obs.probed(ttl, f) && !obs.endedBefore(f, ttl)) {
                        r.add(f);
                    }
                }
            }
            return List.copyOf(r);
        }
        NodeKey.Star s = (NodeKey.Star) v;
        return silentFlows(s.parent(), ttl - 1);
    }

    /**
     * Flows through {@code parent} (at {@code ttl}) that lead to a node that never answers at
     * {@code ttl + 1}: when no flow through the parent got an answer there, all of them, probed or
     * not; otherwise those asked twice without answer.
     */
    List<Integer> silentFlows(NodeKey parent, int ttl) {
        List<Integer> through = flowsThrough(parent, ttl);
        boolean anyAnswer = false;
        boolean anyProbed = false;
        for (int f : through) {
            Observations.Cell c = obs.cell(ttl + 1, f);
            if (c != null) {
                anyProbed = true;
                if (c.answered()) {
                    anyAnswer = true;
                    break;
                }
            }
        }
        if (!anyProbed) {
            return List.of();
        }
        List<Integer> r = new ArrayList<>();
        for (int f : through) {
            Observations.Cell c = obs.cell(ttl + 1, f);
            if (anyAnswer) {
                if (c != null && !c.answered() && c.stars >= 2) {
                    r.add(f);
                }
            } else if (c == null || !c.answered()) {
                r.add(f);
            }
        }
        return r;
    }

    /** The stopping-rule state of {@code v} (at {@code ttl}) toward {@code ttl + 1}. */
    Fanout fanout(NodeKey v, int ttl) {
        Set<InetAddress> next = new LinkedHashSet<>();
        int answered = 0;
        int probes = 0;
        List<Integer> unanswered = new ArrayList<>();
        List<Integer> unprobed = new ArrayList<>();
        for (int f : flowsThrough(v, ttl)) {
            Observations.Cell c = obs.cell(ttl + 1, f);
            if (c == null) {
                unprobed.add(f);
                continue;
            }
            probes += c.probes;
            if (c.answered()) {
                answered++;
                next.addAll(c.answers);
            } else {
                unanswered.add(f);
            }
        }
        int silent = 0;
        List<Integer> retry = new ArrayList<>();
        for (int f : unanswered) {
            if (answered == 0 || obs.cell(ttl + 1, f).stars >= 2) {
                silent++;
            } else {
                retry.add(f);
            }
        }
        return new Fanout(next, answered, silent, retry, unprobed, probes);
    }

    /** Share of the flows answered at {@code ttl} that answered from {@code a} (its estimated reach). */
    double share(int ttl, InetAddress a) {
        int all = 0;
        int mine = 0;
        for (Observations.Cell c : obs.at(ttl).values()) {
            if (c.answered()) {
                all++;
                if (c.answeredBy(a)) {
                    mine++;
                }
            }
        }
        return all == 0 ? 0 : (double) mine / all;
    }
}
