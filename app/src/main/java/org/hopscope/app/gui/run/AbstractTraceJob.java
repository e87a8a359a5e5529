package org.hopscope.app.gui.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;
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
    private volatile String failure = "";
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
            try (ProbeTransport transport = request.source().open()) {
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

    protected void changed() {
        changed.run();
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public String failure() {
        return failure;
    }
}
