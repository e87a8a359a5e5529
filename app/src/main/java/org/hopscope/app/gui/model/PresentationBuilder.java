package org.hopscope.app.gui.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hopscope.engine.continuous.ContinuousSnapshot;
import org.hopscope.engine.continuous.ContinuousTracer;
import org.hopscope.engine.continuous.HopHistory;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.TraceSnapshot;

/** Turns a snapshot into everything the views draw. Pure; runs on the dispatcher's worker thread. */
public final class PresentationBuilder {
    /** Points per timeline series: about one per horizontal pixel of a wide chart. */
    private static final int TIMELINE_BUCKETS = 600;
    private final Diagnostician diagnostician;

    public PresentationBuilder(Diagnostician diagnostician) {
        this.diagnostician = diagnostician;
    }

    public TracePresentation single(TraceSnapshot s, PresentationOptions o) {
        HopAnomalies anomalies = HopAnomalies.of(s);
        List<HopSnapshot> tableHops = o.focus() == null ? s.hops() : WindowedHops.of(s, o.focus());
        TopologyGraph g = TopologyBuilder.build(s, anomalies);
        return new TracePresentation(s, HopRows.of(tableHops, anomalies, o.labels(), o.thresholds()), g,
                LayeredLayout.layout(g), ChartModels.perHop(tableHops),
                diagnostician.diagnose(s, anomalies, o.thresholds()), anomalies, o.focus(), 0);
    }

    public TracePresentation continuous(ContinuousSnapshot cs, ContinuousTracer tracer, PresentationOptions o) {
        if (cs.rounds() == 0 || cs.aggregate() == null) {
            TraceSnapshot current = cs.current();
            if (current == null) {
                return null;
            }
            TracePresentation first = single(current, o.withFocus(null));
            return first;
        }
        TraceSnapshot s = cs.aggregate();
        HopAnomalies anomalies = HopAnomalies.of(s);
        List<HopSnapshot> tableHops = o.focus() == null ? s.hops()
                : tracer.windowHops(o.focus().fromMicros(), o.focus().toMicros());
        TopologyGraph g = TopologyBuilder.build(s, anomalies);
        Set<Integer> show = new HashSet<>();
        if (!s.hops().isEmpty()) {
            show.add(s.hops().get(s.hops().size() - 1).ttl().value());
        }
        if (o.selectedTtl() > 0) {
            show.add(o.selectedTtl());
        }
        List<HopHistory> hist = tracer.history(cs.firstRoundMicros(), cs.lastRoundMicros() + 1, TIMELINE_BUCKETS);
        ChartModel chart = ChartModels.timeline(hist, show, cs.firstRoundMicros());
        return new TracePresentation(s, HopRows.of(tableHops, anomalies, o.labels(), o.thresholds()), g,
                LayeredLayout.layout(g), chart, diagnostician.diagnose(s, anomalies, o.thresholds()), anomalies,
                o.focus(), cs.rounds());
    }
}
