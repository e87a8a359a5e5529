package org.hopscope.app.gui.run;

import java.net.InetAddress;
import java.util.function.Consumer;
import org.hopscope.app.gui.model.PresentationBuilder;
import org.hopscope.app.gui.model.PresentationOptions;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.trace.TraceEvent;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/** One Paris or classic trace: a single {@link Tracer}. */
final class SingleTraceJob extends AbstractTraceJob {
    private volatile Tracer tracer;
    private volatile TraceSnapshot done;

    SingleTraceJob(TraceRequest request, Runnable changed, Consumer<TraceSnapshot> finished) {
        super(request, changed, finished);
    }

    @Override
    protected TraceSnapshot run(ProbeTransport transport, InetAddress target) throws TransportException {
        Tracer t = new Tracer(request.settings(), transport, target);
        t.listener(e -> {
            if (!(e instanceof TraceEvent.ProbeSent)) {
                changed();
            }
        });
        tracer = t;
        if (stopRequested) {
            t.stop();
        }
        done = t.run();
        return done;
    }

    @Override
    public void stop() {
        stopRequested = true;
        Tracer t = tracer;
        if (t != null) {
            t.stop();
        }
    }

    @Override
    public TraceSnapshot snapshot() {
        Tracer t = tracer;
        return done != null ? done : t == null ? null : t.recorder().snapshot();
    }

    @Override
    public TracePresentation present(PresentationBuilder builder, PresentationOptions options) {
        TraceSnapshot s = snapshot();
        return s == null ? null : builder.single(s, options);
    }

    @Override
    public double progress() {
        TraceSnapshot s = snapshot();
        if (s == null) {
            return 0;
        }
        if (s.finished()) {
            return 1;
        }
        long complete = s.probes().stream().filter(p -> p.outcome() != org.hopscope.engine.trace.ProbeOutcome.PENDING)
                .count();
        return s.probes().isEmpty() ? 0 : 0.95 * complete / s.probes().size();
    }
}
