package org.hopscope.app.gui.run;

import java.net.InetAddress;
import java.util.function.Consumer;
import org.hopscope.app.gui.model.PresentationBuilder;
import org.hopscope.app.gui.model.PresentationOptions;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.engine.continuous.ContinuousSettings;
import org.hopscope.engine.continuous.ContinuousSnapshot;
import org.hopscope.engine.continuous.ContinuousTracer;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.ProbeTransport;

/** mtr-style rounds until stopped, through the engine's {@link ContinuousTracer}. */
final class ContinuousTraceJob extends AbstractTraceJob {
    private volatile ContinuousTracer tracer;

    ContinuousTraceJob(TraceRequest request, Runnable changed, Consumer<TraceSnapshot> finished) {
        super(request, changed, finished);
    }

    @Override
    protected TraceSnapshot run(ProbeTransport transport, InetAddress target) {
        ContinuousTracer t = new ContinuousTracer(request.settings(), transport, target,
                ContinuousSettings.every(request.interval()));
        t.listener(roundFinished -> changed());
        tracer = t;
        stoppable(t::stop);
        ContinuousSnapshot s = t.run();
        return s.aggregate() != null ? s.aggregate() : s.current();
    }

    public ContinuousTracer tracer() {
        return tracer;
    }

    @Override
    public TraceSnapshot snapshot() {
        ContinuousTracer t = tracer;
        if (t == null) {
            return null;
        }
        ContinuousSnapshot s = t.snapshot();
        return s.aggregate() != null ? s.aggregate() : s.current();
    }

    @Override
    public TracePresentation present(PresentationBuilder builder, PresentationOptions options) {
        ContinuousTracer t = tracer;
        return t == null ? null : builder.continuous(t.snapshot(), t, options);
    }

    @Override
    public double progress() {
        return -1; // open-ended
    }
}
