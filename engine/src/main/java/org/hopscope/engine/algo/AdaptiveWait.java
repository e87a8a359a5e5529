package org.hopscope.engine.algo;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;

/**
 * When an unanswered probe is given up, shared by single-path and multipath probing: after
 * {@value #FACTOR}× the largest RTT seen at its TTL or beyond (at least that RTT plus the grace
 * period), else after the full wait time, as traceroute's {@code -w MAX,HERE,NEAR} does. Also the
 * rule that answers already waiting in the transport are read before anything is judged overdue.
 */
public final class AdaptiveWait {
    public static final int FACTOR = 3;
    /** Bound on the polls of one {@link #drainArrived}: a transport that never runs dry cannot stall expiry. */
    public static final int MAX_DRAIN_POLLS = 1024;

    private final long waitNanos;
    private final long graceNanos;
    private final long[] maxRttAtTtl = new long[256];

    public AdaptiveWait(TraceSettings settings) {
        this.waitNanos = settings.waitTime().toNanos();
        this.graceNanos = settings.grace().toNanos();
    }

    /** Records an answer's round trip at its TTL. */
    public void answered(int ttl, long rttNanos) {
        maxRttAtTtl[ttl] = Math.max(maxRttAtTtl[ttl], rttNanos);
    }

    /**
     * The time a probe sent at {@code sentNanos} with {@code ttl} is given up. {@code confirmed}: the
     * transport reported it on the wire. Until then the adaptive wait (a few RTTs, ~100 ms on a LAN)
     * would run from the hand-over, so a probe the transport paces or queues could expire before it is
     * even sent: only the full wait, a bound on any queueing, applies.
     */
    public long deadline(long sentNanos, int ttl, boolean confirmed) {
        long max = sentNanos + waitNanos;
        if (!confirmed) {
            return max;
        }
        long ref = 0;
        for (int t = ttl; t < maxRttAtTtl.length; t++) {
            ref = Math.max(ref, maxRttAtTtl[t]);
        }
        if (ref == 0) {
            return max;
        }
        return Math.min(max, sentNanos + Math.max(FACTOR * ref, ref + graceNanos));
    }

    /**
     * Takes in every event the transport already holds, before anything is judged overdue: an answer
     * that arrived in time but still waits in the transport's queue (the engine was busy, e.g. a cold
     * JVM handling the burst of a concurrent trace's answers, 100+ ms behind on a path whose adaptive
     * wait is ~100 ms) must not be overtaken by its probe's expiry. A transport may hand out its
     * backlog in parts, so it is polled until it has nothing more.
     */
    public static void drainArrived(ProbeTransport transport, long now, Consumer<TransportEvent> handle,
            BooleanSupplier stopped) throws TransportException, InterruptedException {
        for (int i = 0; i < MAX_DRAIN_POLLS && !stopped.getAsBoolean(); i++) {
            List<TransportEvent> events = transport.poll(now);
            if (events.isEmpty()) {
                return;
            }
            events.forEach(handle);
        }
    }
}
