package org.hopscope.app.gui.run;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.Ttl;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.LinkSnapshot;
import org.hopscope.engine.trace.MplsEntry;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.RttStats;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;

/**
 * Folds per-flow snapshots into one multipath snapshot. Each flow keeps its own path length: the
 * destination may sit at TTL 9 for one flow and 11 for another (a longer branch, a tunnel), so a
 * single recorder that stops at the first TTL where anything reached the destination would cut the
 * longer paths off and mistake their probes for loss.
 */
final class SnapshotMerger {
    private SnapshotMerger() {
    }

    static TraceSnapshot merge(TraceSnapshot base, List<TraceSnapshot> flows, TraceStatus status, String detail,
            long finishedMicros) {
        TreeMap<Integer, List<HopSnapshot>> byTtl = new TreeMap<>();
        Map<LinkKey, Set<FlowId>> links = new LinkedHashMap<>();
        List<ProbeRecord> probes = new ArrayList<>();
        long sent = 0;
        long unmatched = 0;
        for (TraceSnapshot f : flows) {
            for (HopSnapshot h : f.hops()) {
                byTtl.computeIfAbsent(h.ttl().value(), t -> new ArrayList<>()).add(h);
            }
            for (LinkSnapshot l : f.links()) {
                links.computeIfAbsent(new LinkKey(l.fromTtl().value(), l.from(), l.to()), k -> new TreeSet<>())
                        .addAll(l.flows());
            }
            probes.addAll(f.probes());
            sent += f.probesSent();
            unmatched += f.unmatchedReplies();
        }
        probes.sort(Comparator.comparingLong(ProbeRecord::sentEpochMicros).thenComparingLong(ProbeRecord::sequence));
        List<HopSnapshot> hops = new ArrayList<>();
        for (var e : byTtl.entrySet()) {
            hops.add(mergeHop(e.getKey(), e.getValue()));
        }
        List<LinkSnapshot> linkList = new ArrayList<>();
        for (var e : links.entrySet()) {
            linkList.add(new LinkSnapshot(Ttl.of(e.getKey().ttl()), e.getKey().from(), e.getKey().to(), new TreeSet<>(e.getValue())));
        }
        return new TraceSnapshot(base.toolVersion(), base.settings(), base.resolvedAddress(), base.sourceAddress(),
                base.transport(), base.startedEpochMicros(), finishedMicros, status, detail, hops, linkList, probes,
                sent, unmatched);
    }

    private record LinkKey(int ttl, InetAddress from, InetAddress to) {
    }

    private static HopSnapshot mergeHop(int ttl, List<HopSnapshot> parts) {
        Map<InetAddress, List<InterfaceSnapshot>> byAddr = new LinkedHashMap<>();
        List<RttStats> stats = new ArrayList<>();
        int pending = 0;
        for (HopSnapshot h : parts) {
            stats.add(h.stats());
            pending += h.pending();
            for (InterfaceSnapshot i : h.interfaces()) {
                byAddr.computeIfAbsent(i.address(), a -> new ArrayList<>()).add(i);
            }
        }
        List<InterfaceSnapshot> ifaces = new ArrayList<>();
        for (var e : byAddr.entrySet()) {
            Set<FlowId> flows = new TreeSet<>();
            Set<Integer> quoted = new TreeSet<>();
            Set<Integer> replyTtls = new TreeSet<>();
            Set<List<MplsEntry>> mpls = new LinkedHashSet<>();
            Set<String> marks = new TreeSet<>();
            List<RttStats> st = new ArrayList<>();
            int replies = 0;
            boolean dest = false;
            for (InterfaceSnapshot i : e.getValue()) {
                flows.addAll(i.flows());
                quoted.addAll(i.quotedTtls());
                replyTtls.addAll(i.replyTtls());
                mpls.addAll(i.mplsStacks());
                marks.addAll(i.marks());
                st.add(i.stats());
                replies += i.replies();
                dest |= i.isDestination();
            }
            ifaces.add(new InterfaceSnapshot(e.getKey(), new TreeSet<>(flows), replies, mergeStats(st),
                    new TreeSet<>(quoted), new TreeSet<>(replyTtls), new ArrayList<>(mpls), new TreeSet<>(marks), dest));
        }
        ifaces.sort(Comparator.comparingInt(InterfaceSnapshot::replies).reversed());
        return new HopSnapshot(Ttl.of(ttl), ifaces, mergeStats(stats), pending);
    }

    /** Combines statistics exactly for counts, min, max and mean; variance by the parallel formula. */
    static RttStats mergeStats(List<RttStats> parts) {
        int sent = 0;
        int received = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        double sum = 0;
        double last = Double.NaN;
        double jitterWeighted = 0;
        int jitterN = 0;
        double jitterMax = Double.NaN;
        for (RttStats s : parts) {
            sent += s.sent();
            if (s.received() == 0) {
                continue;
            }
            received += s.received();
            min = Double.isNaN(min) ? s.minMs() : Math.min(min, s.minMs());
            max = Double.isNaN(max) ? s.maxMs() : Math.max(max, s.maxMs());
            sum += s.avgMs() * s.received();
            last = s.lastMs();
            if (s.received() > 1) {
                jitterWeighted += s.jitterMs() * (s.received() - 1);
                jitterN += s.received() - 1;
            }
            jitterMax = Double.isNaN(jitterMax) ? s.jitterMaxMs() : Math.max(jitterMax, s.jitterMaxMs());
        }
        if (received == 0) {
            return new RttStats(sent, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        double mean = sum / received;
        double m2 = 0;
        for (RttStats s : parts) {
            if (s.received() > 0) {
                double sd = Double.isNaN(s.stddevMs()) ? 0 : s.stddevMs();
                m2 += sd * sd * (s.received() - 1) + s.received() * Math.pow(s.avgMs() - mean, 2);
            }
        }
        double stddev = received > 1 ? Math.sqrt(m2 / (received - 1)) : 0;
        return new RttStats(sent, received, last, min, mean, max, stddev, jitterN == 0 ? 0 : jitterWeighted / jitterN,
                Double.isNaN(jitterMax) ? 0 : jitterMax);
    }
}
