package org.hopscope.app.gui.model;

import java.util.List;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Everything the views show for one moment of a trace, built off the FX thread and applied in one
 * go, so table, chart, canvas and diagnosis never disagree.
 *
 * @param snapshot the trace (in continuous mode: all rounds folded together)
 * @param tableHops the hops the table shows (differs from the snapshot's inside a focus window)
 * @param focus the focus window the table is computed over, or null for everything
 * @param rounds completed continuous rounds, 0 for a single trace
 */
public record TracePresentation(
        TraceSnapshot snapshot,
        List<HopRow> rows,
        TopologyGraph graph,
        GraphLayout layout,
        ChartModel chart,
        List<Verdict> verdicts,
        HopAnomalies anomalies,
        FocusWindow focus,
        long rounds) {

    public TracePresentation {
        rows = List.copyOf(rows);
        verdicts = List.copyOf(verdicts);
    }
}
