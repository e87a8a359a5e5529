package org.hopscope.app.gui.run;

import java.net.InetAddress;
import java.util.function.Consumer;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/** One Paris or classic trace: a single {@link Tracer}. */
final class SingleTraceJob extends AbstractTraceJob {

    SingleTraceJob(TraceRequest request, Runnable changed, Consumer<TraceSnapshot> finished) {
        super(request, changed, finished);
    }

    @Override
    protected TraceSnapshot run(ProbeTransport transport, InetAddress target) throws TransportException {
        Tracer t = new Tracer(request.settings(), transport, target);
        t.listener(changedOnResults());
        live(t.recorder());
        stoppable(t::stop);
        return done(t.run());
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
