package org.hopscope.app.gui.run;

import java.net.InetAddress;
import java.util.function.Consumer;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.mda.MdaRun;
import org.hopscope.engine.mda.MdaSettings;
import org.hopscope.engine.mda.MultipathTracer;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.trace.ProbeOutcome;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/**
 * The one adapter between the GUI and the engine's multipath code (org.hopscope.engine.mda): MDA-Lite
 * or the full MDA. It is the only app class that imports that package, so when the multipath engine
 * changes its entry point only this file follows. The GUI sees what every other job gives it: the
 * engine's {@link TraceSnapshot} (one recorder, flow ids as the engine chose them, so pcap export
 * re-crafts exactly the probes that were sent).
 */
final class MdaTraceJob extends AbstractTraceJob {
    private final Algorithm algorithm;
    private volatile MdaRun report;

    MdaTraceJob(TraceRequest request, Algorithm algorithm, Runnable changed, Consumer<TraceSnapshot> finished) {
        super(request, changed, finished);
        if (!algorithm.multipath()) {
            throw new IllegalArgumentException(algorithm + " is not a multipath algorithm");
        }
        this.algorithm = algorithm;
    }

    @Override
    protected TraceSnapshot run(ProbeTransport transport, InetAddress target) throws TransportException {
        var settings = request.settings().toBuilder().method(ProbeMethod.PARIS).algorithm(algorithm).build();
        MultipathTracer t = new MultipathTracer(settings, MdaSettings.defaults(), transport, target);
        t.listener(changedOnResults());
        live(t.recorder());
        stoppable(t::stop);
        TraceSnapshot s = t.run();
        report = t.report();
        return done(s);
    }

    /** How the multipath run went (probes, flows, budget), or null while it runs. */
    MdaRun report() {
        return report;
    }


    @Override
    public double progress() {
        TraceSnapshot s = snapshot();
        if (s == null || s.probes().isEmpty()) {
            return s != null && s.finished() ? 1 : 0;
        }
        if (s.finished()) {
            return 1;
        }
        // MDA decides its probe count as it goes: show how far along the hops it has come
        int deepest = s.probes().stream().filter(p -> p.outcome() != ProbeOutcome.PENDING)
                .mapToInt(p -> p.ttl().value()).max().orElse(0);
        int hops = Math.max(1, request.settings().maxTtl());
        return Math.min(0.95, (double) deepest / Math.min(hops, deepest + 4));
    }
}
