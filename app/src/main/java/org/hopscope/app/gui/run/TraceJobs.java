package org.hopscope.app.gui.run;

import java.util.function.Consumer;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.trace.TraceSnapshot;

/** Picks the job for a mode. Multipath goes through {@link MdaTraceJob}, the one adapter to engine.mda. */
public final class TraceJobs {
    private TraceJobs() {
    }

    public static TraceJob create(TraceRequest r, Runnable changed, Consumer<TraceSnapshot> finished) {
        return switch (r.mode()) {
            case PARIS -> new SingleTraceJob(withMethod(r, ProbeMethod.PARIS), changed, finished);
            case CLASSIC -> new SingleTraceJob(withMethod(r, ProbeMethod.CLASSIC), changed, finished);
            case MULTIPATH -> new MdaTraceJob(withMethod(r, ProbeMethod.PARIS), Algorithm.LITE, changed, finished);
            case MDA -> new MdaTraceJob(withMethod(r, ProbeMethod.PARIS), Algorithm.EXHAUSTIVE, changed, finished);
            case FLOWS -> new MultiFlowTraceJob(withMethod(r, ProbeMethod.PARIS), changed, finished);
            case CONTINUOUS -> new ContinuousTraceJob(withMethod(r, ProbeMethod.PARIS), changed, finished);
        };
    }

    private static TraceRequest withMethod(TraceRequest r, ProbeMethod m) {
        return new TraceRequest(r.settings().toBuilder().method(m).build(), r.mode(), r.flows(), r.interval(),
                r.source());
    }
}
