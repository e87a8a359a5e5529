package org.hopscope.app.gui.model;

import java.util.List;
import org.hopscope.engine.trace.TraceSnapshot;

/** Produces verdicts for a snapshot; pure and quick, called off the FX thread on every update. */
@FunctionalInterface
public interface Diagnostician {
    List<Verdict> diagnose(TraceSnapshot snapshot, HopAnomalies anomalies, LatencyThresholds thresholds);
}
