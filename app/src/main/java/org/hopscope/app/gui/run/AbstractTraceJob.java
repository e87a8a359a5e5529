package org.hopscope.app.gui.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;
import org.hopscope.app.gui.model.PresentationBuilder;
import org.hopscope.app.gui.model.PresentationOptions;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.engine.trace.TraceEvent;
import org.hopscope.engine.trace.TraceListener;
import org.hopscope.engine.trace.TraceRecorder;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/**
 * The engine-thread life of every job: resolve the target, open the transport, run, close, report.
 * Resolving and opening happen here because both can block for seconds.
 */
abstract class AbstractTraceJob implements TraceJob {
    protected final TraceRequest request;
    private final Runnable changed;
    private final Consumer<TraceSnapshot> finished;
    private volatile boolean running;
    protected volatile boolean stopRequested;
    private volatile Runnable stopper;
    private volatile TraceRecorder live;
    private volatile TraceSnapshot done;
    private volatile String failure = "";
    private volatile String transportNote = "";
    private Thread thread;

    AbstractTraceJob(TraceRequest request, Runnable changed, Consumer<TraceSnapshot> finished) {
        this.request = request;
        this.changed = changed;
        this.finished = finished;
    }

    @Override
    public final synchronized void start() {
        running = true;
        thread = new Thread(this::body, "hopscope-engine");
        thread.setDaemon(true);
        thread.start();
    }

    private void body() {
        TraceSnapshot last = null;
        try {
            InetAddress target = request.source().resolve(request.settings().target());
            try (ProbeTransport transport = request.source().open(request.settings().protocol())) {
                transportNote = describe(transport.info(), request.source().lastChoice());
                changed();
                if (!stopRequested) {
                    last = run(transport, target);
                }
            }
        } catch (UnknownHostException e) {
            failure = "Cannot find host '" + request.settings().target() + "': check the spelling or the DNS.";
        } catch (TransportException e) {
            failure = "Cannot probe: " + e.getMessage();
        } catch (RuntimeException e) {
            failure = "Trace failed: " + e;
        } finally {
            running = false;
            changed.run();
            finished.accept(last != null ? last : snapshot());
        }
    }

    /** Runs the trace on this (engine) thread; returns its final snapshot. */
    protected abstract TraceSnapshot run(ProbeTransport transport, InetAddress target) throws TransportException;

    /** Registers how to stop the engine object now running; stops it at once if a stop came first. */
    protected final void stoppable(Runnable stop) {
        stopper = stop;
        if (stopRequested) {
            stop.run();
        }
    }

    @Override
    public void stop() {
        stopRequested = true;
        Runnable s = stopper;
        if (s != null) {
            s.run();
        }
    }

    /** The recorder of the engine object now running, read by the default {@link #snapshot()}. */
    protected final void live(TraceRecorder r) {
        live = r;
    }

    /** Keeps the final snapshot (returned by {@link #snapshot()} from now on) and returns it. */
    protected final TraceSnapshot done(TraceSnapshot s) {
        done = s;
        return s;
    }

    /** A listener that signals a change whenever a probe completes (sends alone change no view). */
    protected final TraceListener changedOnResults() {
        return e -> {
            if (!(e instanceof TraceEvent.ProbeSent)) {
                changed();
            }
        };
    }

    @Override
    public TraceSnapshot snapshot() {
        TraceSnapshot d = done;
        TraceRecorder r = live;
        return d != null ? d : r == null ? null : r.snapshot();
    }

    /** A one-trace view of {@link #snapshot()}; continuous jobs override it. */
    @Override
    public TracePresentation present(PresentationBuilder builder, PresentationOptions options) {
        TraceSnapshot s = snapshot();
        return s == null ? null : builder.single(s, options);
    }

    protected void changed() {
        changed.run();
    }

    @Override
    public boolean running() {
        return running;
    }

    /** "Transport: helper (raw sockets …)" plus why, once the transport is open; "" before. */
    @Override
    public String transportNote() {
        return transportNote;
    }

    private static String describe(org.hopscope.engine.transport.TransportInfo info, String why) {
        String s = info.summary();
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return why.isEmpty() ? s + "." : s + " — " + why + ".";
    }

    @Override
    public String failure() {
        return failure;
    }
}
