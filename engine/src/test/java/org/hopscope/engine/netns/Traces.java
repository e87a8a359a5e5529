package org.hopscope.engine.netns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/** Runs a trace to its end, but never longer than a bound: a watchdog stops it. */
public final class Traces {
    public static final Duration LIMIT = Duration.ofSeconds(60);

    private Traces() {
    }

    /** Paris-style settings for the lab: quick waits, enough TTLs for the longest branch. */
    public static TraceSettings.Builder lab(InetAddress target) {
        return TraceSettings.builder(target.getHostAddress()).maxTtl(12).waitTime(Duration.ofSeconds(2))
                .grace(Duration.ofMillis(50));
    }

    /**
     * Takes every event still coming through {@code transport} for {@code quiet}: the late answers to
     * a finished trace's probes (e.g. probes sent beyond the destination), so a next trace on the same
     * transport does not receive them as replies it cannot place.
     */
    public static java.util.List<org.hopscope.engine.transport.TransportEvent> drain(ProbeTransport transport,
            Duration quiet) throws TransportException, InterruptedException {
        java.util.List<org.hopscope.engine.transport.TransportEvent> all = new java.util.ArrayList<>();
        long end = transport.nanoTime() + quiet.toNanos();
        while (transport.nanoTime() < end) {
            all.addAll(transport.poll(end));
        }
        return all;
    }

    public static TraceSnapshot run(ProbeTransport transport, TraceSettings settings, InetAddress target)
            throws TransportException {
        Tracer tracer = new Tracer(settings, transport, target);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trace-watchdog");
            t.setDaemon(true);
            return t;
        });
        try {
            watchdog.schedule(tracer::stop, LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            return tracer.run();
        } finally {
            watchdog.shutdownNow();
        }
    }
}
