package org.hopscope.app.gui.model;

import java.util.List;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.ProbeOutcome;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceRecorder;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Hop statistics of a single trace restricted to the probes sent inside a focus window, computed by
 * replaying those probes into a fresh engine recorder, so the numbers follow the engine's own rules.
 */
public final class WindowedHops {
    private WindowedHops() {
    }

    public static List<HopSnapshot> of(TraceSnapshot s, FocusWindow w) {
        TraceRecorder r = new TraceRecorder(s.toolVersion(), s.settings(), s.resolvedAddress(), s.sourceAddress(),
                s.transport(), s.startedEpochMicros());
        for (ProbeRecord p : s.probes()) {
            if (!w.contains(p.sentEpochMicros())) {
                continue;
            }
            r.probeSent(new ProbeRecord(p.sequence(), p.probeId(), p.flowId(), p.ttl(), p.column(), p.protocol(),
                    p.sent(), p.sentNanos(), p.sentEpochMicros(), ProbeOutcome.PENDING, null, null));
            if (p.outcome() != ProbeOutcome.PENDING) {
                r.probeCompleted(p);
            }
        }
        return r.snapshot().hops();
    }
}
