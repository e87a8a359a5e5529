package org.hopscope.app.gui.model;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.trace.ProbeOutcome;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * The path each flow took, read from the probes: who answered it at each TTL. Paris probes of one
 * flow id share a path; classic probes are paired by column, as a reader of classic output does. This
 * is what tells a silent router on one branch from loss, unequal path lengths from loops, and gives
 * the topology its true edges.
 */
public final class FlowPaths {
    /** key -> ttl -> answering addresses */
    private final Map<Integer, TreeMap<Integer, Set<InetAddress>>> answers = new HashMap<>();
    /** key -> ttls probed with at least one probe completed */
    private final Map<Integer, Set<Integer>> probed = new HashMap<>();

    public static FlowPaths of(TraceSnapshot s) {
        FlowPaths f = new FlowPaths();
        boolean paris = s.settings().method() == ProbeMethod.PARIS;
        Map<Integer, Integer> destTtl = new HashMap<>();
        for (ProbeRecord p : s.probes()) {
            if (p.isAnswered() && p.reply().terminal()) {
                destTtl.merge(paris ? p.flowId().value() : p.column(), p.ttl().value(), Math::min);
            }
        }
        for (ProbeRecord p : s.probes()) {
            if (p.outcome() == ProbeOutcome.PENDING || p.outcome() == ProbeOutcome.ABANDONED) {
                continue;
            }
            int key = paris ? p.flowId().value() : p.column();
            int ttl = p.ttl().value();
            if (ttl > destTtl.getOrDefault(key, Integer.MAX_VALUE)) {
                continue; // probes sent past the destination before its distance was known
            }
            f.probed.computeIfAbsent(key, k -> new TreeSet<>()).add(ttl);
            if (p.isAnswered()) {
                f.answers.computeIfAbsent(key, k -> new TreeMap<>())
                        .computeIfAbsent(ttl, t -> new LinkedHashSet<>()).add(p.reply().from());
            }
        }
        return f;
    }

    public Set<Integer> keys() {
        return probed.keySet();
    }

    public boolean isEmpty() {
        return probed.isEmpty();
    }

    /** Who answered flow {@code key} at {@code ttl}; empty when nothing did. */
    public Set<InetAddress> at(int key, int ttl) {
        TreeMap<Integer, Set<InetAddress>> m = answers.get(key);
        Set<InetAddress> s = m == null ? null : m.get(ttl);
        return s == null ? Set.of() : s;
    }

    /** Whether flow {@code key} was probed at {@code ttl} and answered later on (so the path goes on). */
    public boolean silentAt(int key, int ttl) {
        if (!probed.getOrDefault(key, Set.of()).contains(ttl) || !at(key, ttl).isEmpty()) {
            return false;
        }
        TreeMap<Integer, Set<InetAddress>> m = answers.get(key);
        return m != null && m.higherKey(ttl) != null;
    }

    /**
     * Flows passing a router that never answers at this TTL while their path goes on elsewhere. A flow
     * that got no answer but continues to a router the answering flows also reach went through the
     * same (rate-limited) router, so it is not counted.
     */
    public Set<Integer> silentKeys(int ttl) {
        Set<InetAddress> nextOfAnswering = new java.util.HashSet<>();
        for (int k : probed.keySet()) {
            if (!at(k, ttl).isEmpty()) {
                nextOfAnswering.addAll(next(k, ttl));
            }
        }
        Set<Integer> out = new TreeSet<>();
        for (int k : probed.keySet()) {
            if (silentAt(k, ttl) && java.util.Collections.disjoint(next(k, ttl), nextOfAnswering)) {
                out.add(k);
            }
        }
        return out;
    }

    /** The first addresses flow {@code key} met after {@code ttl}. */
    private Set<InetAddress> next(int key, int ttl) {
        TreeMap<Integer, Set<InetAddress>> m = answers.get(key);
        if (m == null) {
            return Set.of();
        }
        var e = m.higherEntry(ttl);
        return e == null ? Set.of() : e.getValue();
    }

    /** Whether one flow met the same address at two TTLs: a real loop in that flow's path. */
    public boolean loopsInOneFlow(InetAddress a) {
        for (TreeMap<Integer, Set<InetAddress>> m : answers.values()) {
            int seen = 0;
            for (Set<InetAddress> s : m.values()) {
                if (s.contains(a)) {
                    seen++;
                }
            }
            if (seen > 1) {
                return true;
            }
        }
        return false;
    }

    /** Probes that reached the destination's TTL for flows that reached it: sent, answered. */
    public int[] destinationCounts(TraceSnapshot s) {
        int sent = 0;
        int answered = 0;
        Map<Integer, Integer> destTtl = new HashMap<>();
        boolean paris = s.settings().method() == ProbeMethod.PARIS;
        for (ProbeRecord p : s.probes()) {
            if (p.isAnswered() && p.reply().fromDestination()) {
                int key = paris ? p.flowId().value() : p.column();
                destTtl.merge(key, p.ttl().value(), Math::min);
            }
        }
        for (ProbeRecord p : s.probes()) {
            int key = paris ? p.flowId().value() : p.column();
            Integer t = destTtl.get(key);
            if (t != null && p.ttl().value() == t && p.outcome() != ProbeOutcome.PENDING
                    && p.outcome() != ProbeOutcome.ABANDONED) {
                sent++;
                if (p.isAnswered()) {
                    answered++;
                }
            }
        }
        return new int[] {sent, answered};
    }
}
