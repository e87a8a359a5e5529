package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The links between two consecutive TTLs that some flow proves: it answered from {@code a} at the
 * first and from {@code b} at the second.
 */
final class PairEvidence {
    final Map<InetAddress, Set<InetAddress>> successors = new LinkedHashMap<>();
    final Map<InetAddress, Set<InetAddress>> predecessors = new LinkedHashMap<>();

    private PairEvidence() {
    }

    static PairEvidence between(Observations obs, int ttl) {
        PairEvidence e = new PairEvidence();
        for (Map.Entry<Integer, Observations.Cell> en : obs.at(ttl).entrySet()) {
            Observations.Cell before = en.getValue();
            Observations.Cell after = obs.cell(ttl + 1, en.getKey());
            if (!before.answered() || after == null || !after.answered()) {
                continue;
            }
            for (InetAddress a : before.answers) {
                for (InetAddress b : after.answers) {
                    e.successors.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(b);
                    e.predecessors.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(a);
                }
            }
        }
        return e;
    }

    int outDegree(InetAddress a) {
        Set<InetAddress> s = successors.get(a);
        return s == null ? 0 : s.size();
    }

    int inDegree(InetAddress b) {
        Set<InetAddress> s = predecessors.get(b);
        return s == null ? 0 : s.size();
    }

    /**
     * A meshed hop pair (Vermeulen et al. 2018, §3.2): some node has two or more successors and some
     * node of the next TTL two or more predecessors, so flows do not spread evenly over the next
     * TTL and the hop-level stopping rule cannot be trusted there.
     */
    boolean meshed() {
        boolean fanOut = successors.values().stream().anyMatch(s -> s.size() >= 2);
        boolean fanIn = predecessors.values().stream().anyMatch(s -> s.size() >= 2);
        return fanOut && fanIn;
    }
}
