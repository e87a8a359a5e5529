package org.hopscope.engine.mda;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import org.hopscope.engine.HopscopeVersion;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.probe.ProbeStrategies;
import org.hopscope.engine.probe.ProbeStrategy;
import org.hopscope.engine.trace.TraceListener;
import org.hopscope.engine.trace.TraceRecorder;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/**
 * Runs one multipath trace ({@code -a exhaustive} or {@code -a lite}) on the caller's thread, like
 * {@link org.hopscope.engine.algo.Tracer} does for single paths: the same recorder, listeners and
 * snapshot, so every view that shows a trace shows this one. Paris probes only (a classic probe's
 * flow changes with every packet, so no flow can be steered). Over IPv6 the flow label varies with
 * the flow ({@link FlowLabelStrategy}).
 *
 * <p>Whatever happens, every result received is kept: a transport failure ends the trace as {@link
 * TraceStatus#FAILED}, {@link #stop()} as {@link TraceStatus#STOPPED}, a spent probe budget as
 * {@link TraceStatus#REACHED} or {@link TraceStatus#NOT_REACHED} with a detail saying the result may
 * be incomplete.
 */
public final class MultipathTracer {
    private final TraceSettings settings;
    private final MdaSettings mda;
    private final TraceRecorder recorder;
    private final MultipathSession session;
    private final FlowAllocator flows;
    private volatile MdaRun report;

    public MultipathTracer(TraceSettings settings, MdaSettings mda, ProbeTransport transport, InetAddress target)
            throws TransportException {
        if (!settings.algorithm().multipath()) {
            throw new IllegalArgumentException("algorithm " + settings.algorithm().cliName()
                    + " follows one path: run it with org.hopscope.engine.algo.Tracer");
        }
        if (settings.method() != ProbeMethod.PARIS) {
            throw new IllegalArgumentException("multipath tracing needs Paris probes (a classic probe's flow "
                    + "changes with every packet)");
        }
        this.settings = settings;
        this.mda = mda;
        InetAddress source = transport.sourceAddressFor(target);
        long startNanos = transport.nanoTime();
        Instant now = Instant.now();
        long startMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        this.recorder = new TraceRecorder(HopscopeVersion.VERSION, settings, target, source, transport.info(),
                startMicros);
        ProbeStrategy strategy = ProbeStrategies.forSettings(settings);
        if (target instanceof Inet6Address) {
            strategy = new FlowLabelStrategy(strategy, settings.flowLabel());
        }
        this.session = new MultipathSession(settings, transport, strategy, recorder, target, source, startNanos,
                startMicros, mda.maxInFlight());
        this.flows = FlowAllocator.forSettings(settings);
    }

    public MultipathTracer listener(TraceListener l) {
        recorder.addListener(l);
        return this;
    }

    public TraceRecorder recorder() {
        return recorder;
    }

    /** Asks a running trace to stop soon; the results so far are kept. Any thread. */
    public void stop() {
        session.stop();
    }

    /** How the run went (probes, rounds, budget); null until {@link #run()} returns. */
    public MdaRun report() {
        return report;
    }

    /** Runs the trace to its end and returns the final snapshot. */
    public TraceSnapshot run() {
        recorder.started();
        Exploration x = new Exploration(mda, session, flows, settings.firstTtl(), settings.maxTtl(),
                settings.maxMissingHops());
        TraceStatus status;
        String detail = "";
        try {
            if (settings.algorithm() == Algorithm.EXHAUSTIVE) {
                new ExhaustiveMda(x).run();
            } else {
                new MdaLite(x).run();
            }
            boolean reached = x.obs.reachedDestination();
            status = session.stopped() ? TraceStatus.STOPPED : reached ? TraceStatus.REACHED : TraceStatus.NOT_REACHED;
            if (x.budgetExhausted()) {
                detail = "probe budget of " + mda.maxProbes() + " spent: some paths may be missing";
            }
        } catch (TransportException e) {
            status = TraceStatus.FAILED;
            detail = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = TraceStatus.STOPPED;
            detail = "interrupted";
        }
        session.abandonAll();
        report = new MdaRun(settings.algorithm(), mda.confidenceLabel(), mda.epsilon(), session.probesSent(),
                flows.used(), x.rounds(), x.budgetExhausted(), x.nodeControlTtls, x.meshedTtls, x.ledger);
        recorder.finish(status, detail, session.epochMicrosNow());
        return recorder.snapshot();
    }
}
