package org.hopscope.app.gui.model;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.MplsEntry;
import org.hopscope.engine.trace.RttStats;

/** Turns hop snapshots into table rows; pure, so the dispatcher builds them off the FX thread. */
public final class HopRows {
    private HopRows() {
    }

    public static List<HopRow> of(List<HopSnapshot> hops, HopAnomalies anomalies, AddressLabeler labels,
            LatencyThresholds thresholds) {
        List<HopRow> rows = new ArrayList<>();
        for (HopSnapshot h : hops) {
            int ttl = h.ttl().value();
            List<InterfaceSnapshot> ifaces = h.interfaces();
            if (ifaces.isEmpty()) {
                EnumSet<Badge> b = h.pending() > 0 ? EnumSet.noneOf(Badge.class) : EnumSet.of(Badge.SILENT);
                rows.add(row(HopRow.Kind.HOP, ttl, h.pending() > 0 ? "waiting…" : "no reply", null, "*", Double.NaN,
                        h.stats(), "", b, thresholds));
                continue;
            }
            Set<FlowId> allFlows = new HashSet<>();
            int allReplies = 0;
            for (InterfaceSnapshot i : ifaces) {
                allFlows.addAll(i.flows());
                allReplies += i.replies();
            }
            int silentFlows = anomalies.paths().silentKeys(ttl).size();
            if (ifaces.size() == 1 && silentFlows == 0) {
                InterfaceSnapshot i = ifaces.get(0);
                // the hop's own stats count lost probes too; the interface's only its replies
                rows.add(row(HopRow.Kind.HOP, ttl, labels.name(i.address(), ttl), i.address(),
                        labels.address(i.address(), ttl), 1.0, h.stats(), mpls(i), anomalies.badges(ttl, i.address()),
                        thresholds));
                continue;
            }
            rows.add(row(HopRow.Kind.HOP, ttl, ifaces.size() + (silentFlows > 0 ? "+1" : "") + " addresses", null,
                    ifaces.stream().map(i -> labels.address(i.address(), ttl)).collect(Collectors.joining(", ")),
                    Double.NaN, h.stats(), "", EnumSet.of(Badge.MULTIPATH), thresholds));
            int flowCount = allFlows.size() + silentFlows;
            boolean byFlows = flowCount > 1;
            for (InterfaceSnapshot i : ifaces) {
                double share = byFlows ? (double) i.flows().size() / flowCount
                        : allReplies == 0 ? Double.NaN : (double) i.replies() / allReplies;
                EnumSet<Badge> b = EnumSet.noneOf(Badge.class);
                b.addAll(anomalies.badges(ttl, i.address()));
                b.remove(Badge.MULTIPATH);
                rows.add(row(HopRow.Kind.INTERFACE, ttl, labels.name(i.address(), ttl), i.address(),
                        labels.address(i.address(), ttl), share, i.stats(), mpls(i), b, thresholds));
            }
            if (silentFlows > 0) {
                // flows whose router here never answers, while their path goes on: not loss
                rows.add(row(HopRow.Kind.INTERFACE, ttl, "no reply (silent router)", null, "*",
                        (double) silentFlows / Math.max(1, flowCount), RttStats.EMPTY, "", EnumSet.of(Badge.SILENT),
                        thresholds));
            }
        }
        return rows;
    }

    private static HopRow row(HopRow.Kind kind, int ttl, String host, java.net.InetAddress a, String text,
            double share, RttStats s, String mpls, Set<Badge> badges, LatencyThresholds t) {
        return new HopRow(kind, ttl, host, a, text, share, "", s.lossPercent(), s.sent(), s.received(), s.lastMs(),
                s.avgMs(), s.minMs(), s.maxMs(), s.stddevMs(), s.jitterMs(), mpls, badges, t.level(s.avgMs()));
    }

    /** "27121, 16" for one stack; stacks separated by " | ". */
    static String mpls(InterfaceSnapshot i) {
        return i.mplsStacks().stream()
                .map(stack -> stack.stream().map(MplsEntry::label).map(String::valueOf).collect(Collectors.joining(", ")))
                .collect(Collectors.joining(" | "));
    }
}
