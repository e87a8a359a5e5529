package org.hopscope.engine.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.trace.ProbeOutcome;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceSnapshot;

/** The probes of a snapshot, grouped the ways the analyses need them. */
final class Probes {
    private Probes() {
    }

    /** Probes that were answered or timed out (not still pending, not abandoned, not failed to send). */
    static boolean settled(ProbeRecord p) {
        return p.outcome() == ProbeOutcome.ANSWERED || p.outcome() == ProbeOutcome.TIMED_OUT;
    }

    /**
     * The probes of each "path", TTL by TTL: one per flow for Paris probing (the flow stays on one
     * path), one per output column for classic probing (which is how a reader of classic output
     * strings hops together, and why it sees false links and loops).
     */
    static Map<Integer, TreeMap<Integer, List<ProbeRecord>>> byPath(TraceSnapshot s) {
        Function<ProbeRecord, Integer> key = s.settings().method() == ProbeMethod.CLASSIC ? ProbeRecord::column
                : p -> p.flowId().value();
        Map<Integer, TreeMap<Integer, List<ProbeRecord>>> paths = new TreeMap<>();
        for (ProbeRecord p : s.probes()) {
            if (p.isAnswered()) {
                paths.computeIfAbsent(key.apply(p), k -> new TreeMap<>())
                        .computeIfAbsent(p.ttl().value(), k -> new ArrayList<>()).add(p);
            }
        }
        return paths;
    }

    /** Settled probes per TTL. */
    static TreeMap<Integer, List<ProbeRecord>> byTtl(TraceSnapshot s) {
        TreeMap<Integer, List<ProbeRecord>> m = new TreeMap<>();
        for (ProbeRecord p : s.probes()) {
            if (settled(p)) {
                m.computeIfAbsent(p.ttl().value(), k -> new ArrayList<>()).add(p);
            }
        }
        return m;
    }
}
