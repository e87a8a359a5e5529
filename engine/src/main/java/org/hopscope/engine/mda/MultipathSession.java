package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.hopscope.engine.algo.AdaptiveWait;
import org.hopscope.engine.probe.CraftedProbe;
import org.hopscope.engine.probe.DecodedReply;
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
 * A {@link FlowProber} over a {@link ProbeTransport}: crafts, sends, matches and expires probes and
 * writes every one into the trace's {@link TraceRecorder}, like the single-path ProbeSession, with
 * two differences multipath tracing needs. Probes beyond the TTL at which some flow reached the
 * destination are waited for, not abandoned: on a diamond with branches of unequal length the
 * destination sits at several TTLs. And a batch is sent through a window of at most {@code
 * maxInFlight} probes. Unanswered probes are given up after 3× the largest RTT seen at their TTL or
 * beyond (at least that RTT plus the grace period), else after the full wait time, as traceroute's
 * {@code -w MAX,HERE,NEAR} does.
 */
final class MultipathSession implements FlowProber {
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
    private final int maxInFlight;

    private final Map<Long, InFlight> byToken = new HashMap<>();
    private final Map<Integer, InFlight> byKey = new HashMap<>();
    private final Map<Long, ProbeRecord> completed = new HashMap<>();
    private final Map<Integer, Integer> columns = new HashMap<>();
    private long nextSequence;
    private ProbeId nextId;
    private long lastSendNanos = Long.MIN_VALUE;
    private volatile boolean stopped;

    /** {@code confirmed}: the transport reported the probe sent (its send time is the wire's). */
    private record InFlight(ProbeRecord record, int key, boolean confirmed) {
    }

    MultipathSession(TraceSettings settings, ProbeTransport transport, ProbeStrategy strategy, TraceRecorder recorder,
            InetAddress target, InetAddress source, long startNanos, long startEpochMicros, int maxInFlight) {
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
        this.maxInFlight = maxInFlight;
        this.nextId = new ProbeId(settings.initialProbeId());
    }

    void stop() {
        stopped = true;
    }

    @Override
    public boolean stopped() {
        return stopped;
    }

    @Override
    public long probesSent() {
        return nextSequence;
    }

    @Override
    public List<ProbeResult> probe(List<ProbeRequest> batch) throws TransportException, InterruptedException {
        List<Long> sequences = new ArrayList<>(batch.size());
        for (ProbeRequest r : batch) {
            if (stopped) {
                sequences.add(-1L);
                continue;
            }
            awaitUntil(() -> byToken.size() < maxInFlight, Long.MAX_VALUE);
            sequences.add(send(r));
        }
        awaitUntil(byToken::isEmpty, Long.MAX_VALUE);
        List<ProbeResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            long seq = sequences.get(i);
            ProbeRecord rec = seq < 0 ? null : completed.remove(seq);
            results.add(new ProbeResult(batch.get(i), rec == null ? null : rec.reply(), seq));
        }
        return results;
    }

    private long send(ProbeRequest r) throws TransportException, InterruptedException {
        long delay = settings.delay().toNanos();
        if (delay > 0 && lastSendNanos != Long.MIN_VALUE) {
            long due = lastSendNanos + delay;
            awaitUntil(() -> false, due);
        }
        ProbeId id = nextId;
        nextId = nextId.next();
        Ttl ttl = Ttl.of(r.ttl());
        CraftedProbe crafted = strategy.craft(new ProbeSpec(source, target, ttl, r.flow(), id, nextSequence));
        long now = transport.nanoTime();
        long sequence = nextSequence++;
        int column = columns.merge(r.ttl(), 1, Integer::sum) - 1;
        ProbeRecord rec = new ProbeRecord(sequence, id, r.flow(), ttl, column, strategy.protocol(), crafted.fields(),
                now, startEpochMicros + (now - startNanos) / 1000, ProbeOutcome.PENDING, null, null);
        InFlight f = new InFlight(rec, crafted.key(), false);
        byToken.put(sequence, f);
        InFlight displaced = byKey.put(crafted.key(), f);
        if (displaced != null) {
            complete(displaced, displaced.record.timedOut()); // the 16-bit identity wrapped onto it
        }
        recorder.probeSent(rec);
        lastSendNanos = now;
        transport.send(sequence, crafted.packet(), settings.waitTime().toNanos());
        return sequence;
    }

    private void awaitUntil(BooleanSupplier done, long deadlineNanos) throws TransportException, InterruptedException {
        while (!done.getAsBoolean()) {
            long now = transport.nanoTime();
            if (stopped) {
                abandonAll();
                return;
            }
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
                complete(f, f.record.answered(d.toReply(r.receivedNanos(), f.record.sentNanos())));
                return;
            }
        }
        recorder.unmatchedReply();
    }

    private void complete(InFlight f, ProbeRecord done) {
        byToken.remove(f.record.sequence());
        byKey.remove(f.key, f);
        completed.put(done.sequence(), done);
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
            if (deadlineOf(f) <= now) {
                due.add(f);
            }
        }
        for (InFlight f : due) {
            complete(f, f.record.timedOut());
        }
    }

    /** Gives up every probe still in flight (stop, failure, end of the trace). */
    void abandonAll() {
        for (InFlight f : new ArrayList<>(byToken.values())) {
            complete(f, f.record.abandoned());
        }
    }

    long epochMicrosNow() {
        return startEpochMicros + (transport.nanoTime() - startNanos) / 1000;
    }
}
