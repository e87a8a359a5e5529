package org.hopscope.engine.check;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.continuous.ContinuousSettings;
import org.hopscope.engine.continuous.ContinuousSnapshot;
import org.hopscope.engine.continuous.ContinuousTracer;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/**
 * Measures the path to one target within a deadline. First one Paris round per protocol in the order
 * most likely to pass firewalls towards a service: TCP SYN to the service's port (what the application
 * uses), UDP, ICMP echo; the first that reaches the target wins, else the one that got farthest. Then
 * continuous rounds ({@link ContinuousTracer}) with it until the deadline, so per-hop loss and latency
 * rest on many samples. Bounded: the deadline is enforced by stopping the tracer.
 */
public final class PathProber {
    private final CheckSettings settings;
    private final int sourcePort;

    /** {@code sourcePort}: distinct per target so parallel traces never share a flow or a socket. */
    public PathProber(CheckSettings settings, int sourcePort) {
        this.settings = settings;
        this.sourcePort = sourcePort;
    }

    public PathMeasurement measure(ProbeTransport transport, InetAddress target, int servicePort, long deadlineNanos)
            throws InterruptedException {
        List<ProtocolAttempt> attempts = new ArrayList<>();
        TraceSettings best = null;
        TraceSnapshot bestSnapshot = null;
        int bestTtl = -1;
        for (ProbeProtocol p : List.of(ProbeProtocol.TCP, ProbeProtocol.UDP, ProbeProtocol.ICMP)) {
            int port = p == ProbeProtocol.TCP ? servicePort : p == ProbeProtocol.UDP ? 33457 : 0;
            if (!transport.info().protocols().contains(p)) {
                attempts.add(new ProtocolAttempt(p, port, false, false, 0,
                        "the transport cannot send " + p.cliName().toUpperCase(java.util.Locale.ROOT) + " probes"));
                continue;
            }
            if (System.nanoTime() + settings.probeWait().toNanos() > deadlineNanos) {
                attempts.add(new ProtocolAttempt(p, port, false, false, 0, "no time left"));
                continue;
            }
            TraceSettings s = settings(target, p, port);
            TraceSnapshot snap;
            try {
                snap = new Tracer(s, transport, target).run();
            } catch (TransportException | IllegalArgumentException e) {
                attempts.add(new ProtocolAttempt(p, port, false, false, 0, String.valueOf(e.getMessage())));
                continue;
            }
            boolean reached = snap.hops().stream().anyMatch(HopSnapshot::reachedDestination);
            int last = lastAnswered(snap);
            attempts.add(new ProtocolAttempt(p, port, true, reached, last, ""));
            if (last > bestTtl) {
                best = s;
                bestSnapshot = snap;
                bestTtl = last;
            }
            if (reached) {
                best = s;
                bestSnapshot = snap;
                break;
            }
        }
        if (best == null) {
            return null;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left < settings.probeWait().toNanos()) {
            return new PathMeasurement(best.protocol(), attempts, bestSnapshot, 1);
        }
        ContinuousTracer ct;
        try {
            ct = new ContinuousTracer(best, transport, target,
                    ContinuousSettings.every(settings.roundInterval()).withHistoryRounds(256));
        } catch (RuntimeException e) {
            return new PathMeasurement(best.protocol(), attempts, bestSnapshot, 1);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hopscope-check-deadline");
            t.setDaemon(true);
            return t;
        });
        try {
            timer.schedule(ct::stop, left, TimeUnit.NANOSECONDS);
            ContinuousSnapshot cs = ct.run();
            if (cs.rounds() == 0) {
                return new PathMeasurement(best.protocol(), attempts, bestSnapshot, 1);
            }
            return new PathMeasurement(best.protocol(), attempts, cs.aggregate(), cs.rounds());
        } finally {
            timer.shutdownNow();
        }
    }

    private TraceSettings settings(InetAddress target, ProbeProtocol p, int port) {
        TraceSettings.Builder b = TraceSettings.builder(target.getHostAddress()).protocol(p)
                .maxTtl(settings.maxTtl()).maxMissingHops(3).probesPerHop(settings.probesPerHop())
                .waitTime(settings.probeWait()).sourcePort(sourcePort).numeric(true);
        if (p != ProbeProtocol.ICMP) {
            b.destinationPort(port);
        }
        return b.build();
    }

    private static int lastAnswered(TraceSnapshot s) {
        int last = 0;
        for (HopSnapshot h : s.hops()) {
            if (!h.interfaces().isEmpty()) {
                last = Math.max(last, h.ttl().value());
            }
        }
        return last;
    }
}
