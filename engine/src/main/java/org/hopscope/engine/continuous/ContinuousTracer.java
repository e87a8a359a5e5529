package org.hopscope.engine.continuous;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.ProbeId;
import org.hopscope.engine.probe.Ttl;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.LinkSnapshot;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceEvent;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;

/**
 * mtr-style continuous tracing: repeats single-path {@link Tracer} rounds at an interval and folds
 * each round into per-hop accumulators plus a fixed-size {@link RoundHistory}, so memory is bounded
 * however long it runs. Runs on the caller's thread; {@link #stop()}, {@link #snapshot()}, {@link
 * #history} and {@link #windowHops} may be called from any thread.
 *
 * <p>Pacing waits through {@link ProbeTransport#poll}, like the engine's own waits, so the same code
 * runs in real time and against a simulated network's virtual clock.
 */
public final class ContinuousTracer {
    private static final int MAX_LINKS = 4096;

    private final TraceSettings settings;
    private final ProbeTransport transport;
    private final InetAddress target;
    private final ContinuousSettings continuous;
    private final List<ContinuousListener> listeners = new CopyOnWriteArrayList<>();
    private final long baseNanos;
    private final long baseMicros;

    private final TreeMap<Integer, HopAccumulator> hops = new TreeMap<>();
    private final Map<LinkSnapshot, TreeSet<FlowId>> links = new LinkedHashMap<>();
    private final RoundHistory history;
    private long rounds;
    private long probesSent;
    private long unmatched;
    private TraceSnapshot lastRound;
    private volatile Tracer currentTracer;
    private volatile boolean stopped;
    private boolean running;
    private String failure = "";

    public ContinuousTracer(TraceSettings settings, ProbeTransport transport, InetAddress target,
            ContinuousSettings continuous) {
        this.settings = settings;
        this.transport = transport;
        this.target = target;
        this.continuous = continuous;
        this.history = new RoundHistory(continuous.historyRounds(), settings.maxTtl());
        this.baseNanos = transport.nanoTime();
        Instant now = Instant.now();
        this.baseMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    public ContinuousTracer listener(ContinuousListener l) {
        listeners.add(l);
        return this;
    }

    public ContinuousSettings continuousSettings() {
        return continuous;
    }

    /** Asks the run to stop soon (the round in progress is cut short and kept). Any thread. */
    public void stop() {
        stopped = true;
        Tracer t = currentTracer;
        if (t != null) {
            t.stop();
        }
    }

    /** The transport's clock as epoch micros, so virtual-time runs get a consistent time axis. */
    private long nowMicros() {
        return baseMicros + (transport.nanoTime() - baseNanos) / 1000;
    }

    /** Runs rounds until stopped, {@code maxRounds} is reached, or the transport fails. */
    public ContinuousSnapshot run() {
        synchronized (this) {
            running = true;
        }
        try {
            long next = transport.nanoTime();
            while (!stopped && (continuous.maxRounds() == 0 || rounds < continuous.maxRounds())) {
                waitUntil(next);
                if (stopped) {
                    break;
                }
                next = transport.nanoTime() + continuous.interval().toNanos();
                if (!runRound()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                running = false;
            }
            fire(true);
        }
        return snapshot();
    }

    private void waitUntil(long deadline) throws InterruptedException {
        while (!stopped && transport.nanoTime() < deadline) {
            try {
                transport.poll(Math.min(deadline, transport.nanoTime() + 100_000_000L)); // late replies: dropped
            } catch (TransportException e) {
                return;
            }
        }
    }

    /** One round; false when the transport failed and the run must end. */
    private boolean runRound() {
        long roundStart = nowMicros();
        // A different probe-id range per round, so a late reply to the last round is not taken for this one's.
        int perRound = settings.maxTtl() * settings.probesPerHop();
        int firstId = (int) ((rounds * perRound) % (ProbeId.MAX - perRound)) + 1;
        TraceSettings round = settings.toBuilder().initialProbeId(firstId).build();
        Tracer tracer;
        try {
            tracer = new Tracer(round, transport, target);
        } catch (TransportException e) {
            synchronized (this) {
                failure = e.getMessage();
            }
            return false;
        }
        currentTracer = tracer;
        tracer.listener(e -> {
            if (e instanceof TraceEvent.ProbeCompleted) {
                fire(false);
            }
        });
        synchronized (this) {
            lastRound = tracer.recorder().snapshot();
        }
        if (stopped) {
            tracer.stop();
        }
        TraceSnapshot s = tracer.run();
        currentTracer = null;
        synchronized (this) {
            fold(s, roundStart);
            if (s.status() == TraceStatus.FAILED) {
                failure = s.statusDetail();
            }
        }
        fire(true);
        return s.status() != TraceStatus.FAILED;
    }

    private void fold(TraceSnapshot s, long roundStart) {
        int slot = history.begin(rounds, roundStart);
        for (ProbeRecord p : s.probes()) {
            int ttl = p.ttl().value();
            if (s.hop(ttl).isEmpty() && p.outcome() != org.hopscope.engine.trace.ProbeOutcome.ANSWERED) {
                continue; // beyond the shown path (past the destination or the silent tail)
            }
            HopAccumulator h = hops.computeIfAbsent(ttl, HopAccumulator::new);
            short addr = h.add(p);
            switch (p.outcome()) {
                case ANSWERED -> history.addProbe(slot, ttl - 1, true, p.reply().rttMillis(), addr);
                case TIMED_OUT, SEND_FAILED -> history.addProbe(slot, ttl - 1, false, 0, addr);
                default -> { }
            }
        }
        for (LinkSnapshot l : s.links()) {
            LinkSnapshot key = new LinkSnapshot(l.fromTtl(), l.from(), l.to(), new TreeSet<>());
            TreeSet<FlowId> f = links.get(key);
            if (f == null && links.size() < MAX_LINKS) {
                f = new TreeSet<>();
                links.put(key, f);
            }
            if (f != null) {
                f.addAll(l.flows());
            }
        }
        rounds++;
        probesSent += s.probesSent();
        unmatched += s.unmatchedReplies();
        lastRound = s;
    }

    private void fire(boolean roundFinished) {
        for (ContinuousListener l : listeners) {
            l.changed(roundFinished);
        }
    }

    public synchronized long rounds() {
        return rounds;
    }

    /** Everything so far; cheap enough to take every frame (no per-round data is copied). */
    public ContinuousSnapshot snapshot() {
        Tracer t = currentTracer;
        TraceSnapshot current = t != null ? t.recorder().snapshot() : null;
        synchronized (this) {
            if (current == null) {
                current = lastRound;
            }
            int last = lastShownTtl();
            List<HopSnapshot> hopList = new ArrayList<>();
            for (HopAccumulator h : hops.headMap(last, true).values()) {
                hopList.add(h.snapshot());
            }
            List<LinkSnapshot> linkList = new ArrayList<>();
            for (Map.Entry<LinkSnapshot, TreeSet<FlowId>> e : links.entrySet()) {
                LinkSnapshot k = e.getKey();
                if (k.fromTtl().value() < last) {
                    linkList.add(new LinkSnapshot(k.fromTtl(), k.from(), k.to(), e.getValue()));
                }
            }
            TraceSnapshot base = lastRound;
            TraceStatus status = running ? TraceStatus.RUNNING
                    : !failure.isEmpty() ? TraceStatus.FAILED
                    : hopList.stream().anyMatch(HopSnapshot::reachedDestination) ? TraceStatus.REACHED
                    : TraceStatus.NOT_REACHED;
            TraceSnapshot aggregate = base == null ? null
                    : new TraceSnapshot(base.toolVersion(), settings, base.resolvedAddress(), base.sourceAddress(),
                            base.transport(), baseMicros, running ? -1 : nowMicros(), status, failure, hopList,
                            linkList, base.probes(), probesSent, unmatched);
            long first = history.size() == 0 ? -1 : history.startMicros(history.slotAt(0));
            long lastMicros = history.size() == 0 ? -1 : history.startMicros(history.slotAt(history.size() - 1));
            return new ContinuousSnapshot(aggregate, current, rounds, first, lastMicros, running);
        }
    }

    /** Up to the first hop that reached the destination, else the last that ever answered. */
    private int lastShownTtl() {
        int lastAnswered = hops.isEmpty() ? 0 : hops.firstKey();
        for (Map.Entry<Integer, HopAccumulator> e : hops.entrySet()) {
            if (e.getValue().reachesDestination()) {
                return e.getKey();
            }
            if (e.getValue().hasReplies()) {
                lastAnswered = e.getKey();
            }
        }
        return Math.min(hops.isEmpty() ? 0 : hops.lastKey(), lastAnswered + settings.maxMissingHops());
    }

    /**
     * Hop statistics over the rounds that started in [fromMicros, toMicros): the table a focus window
     * shows. Interfaces keep their all-round flows and TTL details; their RTT statistics are the window's.
     */
    public synchronized List<HopSnapshot> windowHops(long fromMicros, long toMicros) {
        int from = history.firstAtOrAfter(fromMicros);
        int to = history.firstAtOrAfter(toMicros);
        List<HopSnapshot> out = new ArrayList<>();
        int last = lastShownTtl();
        for (Map.Entry<Integer, HopAccumulator> e : hops.headMap(last, true).entrySet()) {
            int ttl = e.getKey();
            int hi = ttl - 1;
            if (hi >= history.hops()) {
                continue;
            }
            WindowStats hop = new WindowStats();
            Map<Short, WindowStats> byAddress = new LinkedHashMap<>();
            for (int k = from; k < to; k++) {
                int slot = history.slotAt(k);
                hop.add(history, slot, hi);
                short a = history.address(slot, hi);
                if (a != RoundHistory.NO_ADDRESS) {
                    byAddress.computeIfAbsent(a, x -> new WindowStats()).add(history, slot, hi);
                }
            }
            List<InterfaceSnapshot> ifaces = new ArrayList<>();
            for (Map.Entry<Short, WindowStats> a : byAddress.entrySet()) {
                InetAddress address = e.getValue().address(a.getKey());
                if (address != null) {
                    ifaces.add(e.getValue().interfaceSnapshot(address, a.getValue().stats()));
                }
            }
            ifaces.sort(Comparator.comparingInt(InterfaceSnapshot::replies).reversed());
            out.add(new HopSnapshot(Ttl.of(ttl), ifaces, hop.stats(), 0));
        }
        return out;
    }

    /**
     * Latency over time for each shown hop between two instants, in at most {@code maxBuckets}
     * buckets per hop (rounds are merged into buckets when there are more).
     */
    public synchronized List<HopHistory> history(long fromMicros, long toMicros, int maxBuckets) {
        int from = history.firstAtOrAfter(fromMicros);
        int to = history.firstAtOrAfter(toMicros);
        int n = Math.max(0, to - from);
        int buckets = Math.max(1, Math.min(maxBuckets, n));
        List<HopHistory> out = new ArrayList<>();
        int last = lastShownTtl();
        for (int ttl : hops.headMap(last, true).keySet()) {
            int hi = ttl - 1;
            if (hi >= history.hops() || n == 0) {
                continue;
            }
            long[] times = new long[buckets];
            float[] min = new float[buckets];
            float[] avg = new float[buckets];
            float[] max = new float[buckets];
            float[] loss = new float[buckets];
            for (int b = 0; b < buckets; b++) {
                int k0 = from + (int) ((long) b * n / buckets);
                int k1 = from + (int) ((long) (b + 1) * n / buckets);
                WindowStats w = new WindowStats();
                for (int k = k0; k < k1; k++) {
                    w.add(history, history.slotAt(k), hi);
                }
                times[b] = history.startMicros(history.slotAt(k0));
                min[b] = (float) w.min;
                max[b] = (float) w.max;
                avg[b] = w.received == 0 ? Float.NaN : (float) (w.sum / w.received);
                loss[b] = w.sent == 0 ? Float.NaN : 100f * (w.sent - w.received) / w.sent;
            }
            out.add(new HopHistory(ttl, times, min, avg, max, loss));
        }
        return out;
    }
}
