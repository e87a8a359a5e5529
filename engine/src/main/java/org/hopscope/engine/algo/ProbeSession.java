package org.hopscope.engine.algo;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.hopscope.engine.probe.CraftedProbe;
import org.hopscope.engine.probe.DecodedReply;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.ProbeId;
import org.hopscope.engine.probe.ProbeSpec;
import org.hopscope.engine.probe.ProbeStrategy;
import org.hopscope.engine.probe.ReplyMatcher;
import org.hopscope.engine.probe.Ttl;
import org.hopscope.engine.trace.ProbeOutcome;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceRecorder;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;

/**
 * Sends probes, matches replies and expires probes for one trace: the loop every algorithm shares.
 * Runs on one engine thread; {@link #stop()} may come from any thread.
 *
 * <p>Waiting adapts to the path, like traceroute(8)'s {@code -w MAX,HERE,NEAR}: an unanswered probe is
 * given up after {@value AdaptiveWait#FACTOR}× the largest RTT seen at its TTL or beyond (at least that
 * RTT plus the grace period), instead of the full wait time, once such an RTT is known. That wait
 * runs from the moment the transport reports the probe on the wire, and a probe is only judged
 * overdue after every event the transport already holds has been taken in: on a sub-millisecond
 * path the adaptive wait is ~100 ms, less than a paced send queue or a busy (cold) engine can lag.
 */
public final class ProbeSession {

    private final TraceSettings settings;
    private final ProbeTransport transport;
    private final ProbeStrategy strategy;
    private final ReplyMatcher matcher;
    private final TraceRecorder recorder;
    private final AdaptiveWait waits;
    private final InetAddress target;
    private final InetAddress source;
    private final long startNanos;
    private final long startEpochMicros;

    private final Map<Long, InFlight> byToken = new HashMap<>();
    private final Map<Integer, InFlight> byKey = new HashMap<>();
    /** Largest RTT (ns) answered at each TTL, for adaptive waits. */
    private long nextSequence;
    private ProbeId nextId;
    private long lastSendNanos = Long.MIN_VALUE;
    private int destinationTtl = Integer.MAX_VALUE;
    private boolean reached;
    private volatile boolean stopped;

    ProbeSession(TraceSettings settings, ProbeTransport transport, ProbeStrategy strategy, TraceRecorder recorder,
            InetAddress target, InetAddress source, long startNanos, long startEpochMicros) {
        this.settings = settings;
        this.transport = transport;
        this.strategy = strategy;
        this.matcher = new ReplyMatcher(strategy, target);
        this.recorder = recorder;
        this.waits = new AdaptiveWait(settings);
        this.target = target;
        this.source = source;
        this.startNanos = startNanos;
        this.startEpochMicros = startEpochMicros;
        this.nextId = new ProbeId(settings.initialProbeId());
    }

    /** Keys of this session's completed probes, so their late replies are not counted as foreign. */
    private final Set<Integer> finishedKeys = new HashSet<>();

    /**
     * A probe waiting for its answer. {@code confirmed}: the transport reported when the probe
     * actually left ({@link TransportEvent.Sent}); until then the record's send time is only when it
     * was handed over, and a transport may hold it back for a while (the helper paces its sends).
     */
    private record InFlight(ProbeRecord record, int key, boolean confirmed) {
    }

    public void stop() {
        stopped = true;
    }

    public boolean stopped() {
        return stopped;
    }

    /** The smallest TTL at which the destination (or an unreachable) answered, or MAX_VALUE. */
    public int destinationTtl() {
        return destinationTtl;
    }

    /** Whether the destination itself answered any probe. */
    public boolean destinationReached() {
        return reached;
    }

    public int inFlightCount() {
        return byToken.size();
    }

    /** Sends one probe, honouring the inter-probe delay; returns its pending record. */
    public ProbeRecord send(Ttl ttl, FlowId flow, int column) throws TransportException, InterruptedException {
        long delay = settings.delay().toNanos();
        if (delay > 0 && lastSendNanos != Long.MIN_VALUE) {
            long due = lastSendNanos + delay;
            awaitUntil(() -> false, due);
        }
        ProbeId id = allocateId();
        CraftedProbe crafted = strategy.craft(new ProbeSpec(source, target, ttl, flow, id, nextSequence));
        long now = transport.nanoTime();
        long sequence = nextSequence++;
        ProbeRecord rec = new ProbeRecord(sequence, id, flow, ttl, column, strategy.protocol(), crafted.fields(), now,
                startEpochMicros + (now - startNanos) / 1000, ProbeOutcome.PENDING, null, null);
        InFlight f = new InFlight(rec, crafted.key(), false);
        byToken.put(sequence, f);
        InFlight displaced = byKey.put(crafted.key(), f);
        if (displaced != null) {
            // The 16-bit identity space wrapped onto a probe still waiting: it can no longer be told apart.
            complete(displaced, displaced.record.timedOut());
        }
        recorder.probeSent(rec);
        lastSendNanos = now;
        transport.send(sequence, crafted.packet(), settings.waitTime().toNanos());
        return rec;
    }

    private ProbeId allocateId() {
        ProbeId id = nextId;
        nextId = nextId.next();
        return id;
    }

    /** Processes events until {@code done} holds, the deadline passes, nothing is in flight, or stop. */
    public void awaitUntil(BooleanSupplier done, long deadlineNanos) throws TransportException, InterruptedException {
        while (!stopped && !done.getAsBoolean()) {
            long now = transport.nanoTime();
            AdaptiveWait.drainArrived(transport, now, this::handle, () -> stopped);
            if (done.getAsBoolean()) {
                return;
            }
            expire(now);
            if (done.getAsBoolean() || now >= deadlineNanos) {
                return;
            }
            long wake = Math.min(deadlineNanos, nextExpiry());
            for (TransportEvent e : transport.poll(wake)) {
                handle(e);
            }
        }
    }

    /** Waits until every probe in flight is answered or expired (or stop). */
    public void awaitAll() throws TransportException, InterruptedException {
        awaitUntil(() -> byToken.isEmpty(), Long.MAX_VALUE);
    }

    /** Waits until every probe at TTL &lt;= {@code ttl} is resolved; later ones may stay in flight. */
    public void awaitThrough(java.util.function.IntSupplier ttl) throws TransportException, InterruptedException {
        awaitUntil(() -> byToken.values().stream().noneMatch(f -> f.record.ttl().value() <= ttl.getAsInt()),
                Long.MAX_VALUE);
    }

    private void handle(TransportEvent e) {
        if (e instanceof TransportEvent.Sent s) {
            InFlight f = byToken.get(s.token());
            if (f != null) {
                InFlight updated = new InFlight(f.record.sentAt(s.sentNanos()), f.key, true);
                byToken.put(s.token(), updated);
                byKey.replace(f.key, f, updated);
                recorder.probeSendTime(s.token(), s.sentNanos());
            }
        } else if (e instanceof TransportEvent.SendFailed sf) {
            InFlight f = byToken.get(sf.token());
            if (f != null) {
                String why = sf.error().sentence() + (sf.detail().isEmpty() ? "" : ": " + sf.detail());
                complete(f, f.record.failed(why));
            }
        } else if (e instanceof TransportEvent.Received r) {
            onPacket(r);
        }
    }

    private void onPacket(TransportEvent.Received r) {
        Optional<DecodedReply> decoded = matcher.decode(r.ipPacket());
        if (decoded.isEmpty()) {
            recorder.unmatchedReply();
            return;
        }
        DecodedReply d = decoded.get();
        for (int key : d.keys()) {
            InFlight f = byKey.get(key);
            if (f != null && d.consistentWith(f.record.sent())) {
                long rtt = r.receivedNanos() - f.record.sentNanos();
                int ttl = f.record.ttl().value();
                waits.answered(ttl, rtt);
                reached |= d.fromDestination();
                if (d.fromDestination() || d.kind() == org.hopscope.engine.trace.ReplyKind.DEST_UNREACHABLE) {
                    destinationTtl = Math.min(destinationTtl, ttl);
                }
                complete(f, f.record.answered(d.toReply(r.receivedNanos(), f.record.sentNanos())));
                return;
            }
        }
        for (int key : d.keys()) {
            if (finishedKeys.contains(key)) {
                // A late duplicate, or the answer to a probe already given up (typically beyond the
                // destination): it is about our own probe, so it is not "unmatched", and its probe's
                // record is final.
                return;
            }
        }
        recorder.unmatchedReply();
    }

    private void complete(InFlight f, ProbeRecord done) {
        byToken.remove(f.record.sequence());
        byKey.remove(f.key, f);
        finishedKeys.add(f.key);
        recorder.probeCompleted(done);
    }

    private long deadlineOf(InFlight f) {
        return waits.deadline(f.record.sentNanos(), f.record.ttl().value(), f.confirmed);
    }

    private long nextExpiry() {
        long next = Long.MAX_VALUE;
        for (InFlight f : byToken.values()) {
            next = Math.min(next, deadlineOf(f));
        }
        return next;
    }

    private void expire(long now) {
        List<InFlight> due = new ArrayList<>();
        for (InFlight f : byToken.values()) {
            if (f.record.ttl().value() > destinationTtl) {
                due.add(f); // beyond the destination: its answer would add nothing
            } else if (deadlineOf(f) <= now) {
                due.add(f);
            }
        }
        for (InFlight f : due) {
            complete(f, f.record.ttl().value() > destinationTtl ? f.record.abandoned() : f.record.timedOut());
        }
    }

    /** Gives up every probe still in flight (stop, failure, or end of an algorithm). */
    public void abandonAll() {
        for (InFlight f : new ArrayList<>(byToken.values())) {
            complete(f, f.record.abandoned());
        }
    }

    public long nanoTime() {
        return transport.nanoTime();
    }

    public long epochMicrosNow() {
        return startEpochMicros + (transport.nanoTime() - startNanos) / 1000;
    }
}
