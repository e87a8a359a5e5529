package org.hopscope.engine.trace;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.probe.Ttl;
import org.hopscope.engine.transport.TransportInfo;

/**
 * The one mutable record of a trace: the engine writes probes into it, anyone may take an immutable
 * {@link TraceSnapshot} at any time. Statistics are kept incrementally, so a snapshot costs time
 * linear in hops and interfaces, plus one copy of the probe list.
 */
public final class TraceRecorder {
    private final String toolVersion;
    private final TraceSettings settings;
    private final InetAddress resolved;
    private final InetAddress source;
    private final TransportInfo transport;
    private final long startedEpochMicros;
    private final List<TraceListener> listeners = new CopyOnWriteArrayList<>();

    private final List<ProbeRecord> probes = new ArrayList<>();
    private final Map<Long, Integer> indexBySequence = new HashMap<>();
    private final TreeMap<Integer, HopState> hops = new TreeMap<>();
    /** (link key, ttl) -> addresses that answered; the link key is the flow (Paris) or column (classic). */
    private final Map<Long, Set<InetAddress>> answersByKeyAndTtl = new HashMap<>();
    private final Map<LinkKey, Set<FlowId>> links = new LinkedHashMap<>();
    private long unmatched;
    private long finishedEpochMicros = -1;
    private TraceStatus status = TraceStatus.RUNNING;
    private String statusDetail = "";

    public TraceRecorder(String toolVersion, TraceSettings settings, InetAddress resolved, InetAddress source,
            TransportInfo transport, long startedEpochMicros) {
        this.toolVersion = toolVersion;
        this.settings = settings;
        this.resolved = resolved;
        this.source = source;
        this.transport = transport;
        this.startedEpochMicros = startedEpochMicros;
    }

    public void addListener(TraceListener l) {
        listeners.add(l);
    }

    public TraceSettings settings() {
        return settings;
    }

    public void started() {
        fire(new TraceEvent.Started(snapshot()));
    }

    public void probeSent(ProbeRecord p) {
        synchronized (this) {
            indexBySequence.put(p.sequence(), probes.size());
            probes.add(p);
            hop(p.ttl()).pending++;
        }
        fire(new TraceEvent.ProbeSent(p));
    }

    /** Replaces a probe's record with its completed form (answered, timed out, failed, abandoned). */
    public void probeCompleted(ProbeRecord p) {
        synchronized (this) {
            Integer i = indexBySequence.get(p.sequence());
            if (i == null || probes.get(i).outcome() != ProbeOutcome.PENDING) {
                return; // completed once already: a duplicate reply changes nothing
            }
            probes.set(i, p);
            HopState h = hop(p.ttl());
            h.pending--;
            switch (p.outcome()) {
                case ANSWERED -> recordAnswer(h, p);
                case TIMED_OUT, SEND_FAILED -> h.stats.addSent();
                default -> { }
            }
        }
        fire(new TraceEvent.ProbeCompleted(p));
    }

    /** Updates a pending probe's send time once the transport reports the real one. */
    public synchronized void probeSendTime(long sequence, long sentNanos) {
        Integer i = indexBySequence.get(sequence);
        if (i != null && probes.get(i).outcome() == ProbeOutcome.PENDING) {
            probes.set(i, probes.get(i).sentAt(sentNanos));
        }
    }

    public synchronized void unmatchedReply() {
        unmatched++;
    }

    public void finish(TraceStatus finalStatus, String detail, long finishedMicros) {
        synchronized (this) {
            status = finalStatus;
            statusDetail = detail == null ? "" : detail;
            finishedEpochMicros = finishedMicros;
        }
        fire(new TraceEvent.Finished(snapshot()));
    }

    private void recordAnswer(HopState h, ProbeRecord p) {
        Reply r = p.reply();
        h.stats.addSent();
        h.stats.addReply(r.rttMillis());
        IfaceState ifs = h.interfaces.computeIfAbsent(r.from(), a -> new IfaceState());
        ifs.flows.add(p.flowId());
        ifs.stats.addSent();
        ifs.stats.addReply(r.rttMillis());
        if (r.quotedTtl() >= 0) {
            ifs.quotedTtls.add(r.quotedTtl());
        }
        ifs.replyTtls.add(r.replyTtl());
        if (!r.mpls().isEmpty()) {
            ifs.mpls.add(r.mpls());
        }
        String mark = r.unreachableMark();
        if (!mark.isEmpty()) {
            ifs.marks.add(mark);
        }
        ifs.destination |= r.fromDestination();
        if (r.terminal()) {
            h.terminal = true;
        }
        long key = linkKey(p);
        int ttl = p.ttl().value();
        Set<InetAddress> here = answersByKeyAndTtl.computeIfAbsent(pack(key, ttl), k -> new LinkedHashSet<>());
        here.add(r.from());
        Set<InetAddress> before = answersByKeyAndTtl.get(pack(key, ttl - 1));
        if (before != null) {
            for (InetAddress b : before) {
                links.computeIfAbsent(new LinkKey(ttl - 1, b, r.from()), k -> new TreeSet<>()).add(p.flowId());
            }
        }
        Set<InetAddress> after = answersByKeyAndTtl.get(pack(key, ttl + 1));
        if (after != null) {
            for (InetAddress a : after) {
                links.computeIfAbsent(new LinkKey(ttl, r.from(), a), k -> new TreeSet<>()).add(p.flowId());
            }
        }
    }

    private long linkKey(ProbeRecord p) {
        return settings.method() == ProbeMethod.PARIS ? p.flowId().value() : p.column();
    }

    private static long pack(long key, int ttl) {
        return (key << 9) | (ttl & 0x1FF);
    }

    private HopState hop(Ttl ttl) {
        return hops.computeIfAbsent(ttl.value(), t -> new HopState());
    }

    /** The last TTL worth showing: the first terminal one, else the last answer plus allowed missing hops. */
    private int lastShownTtl() {
        int lastAnswered = -1;
        for (Map.Entry<Integer, HopState> e : hops.entrySet()) {
            if (e.getValue().terminal) {
                return e.getKey();
            }
            if (!e.getValue().interfaces.isEmpty()) {
                lastAnswered = e.getKey();
            }
        }
        if (hops.isEmpty()) {
            return -1;
        }
        int maxProbed = hops.lastKey();
        if (lastAnswered < 0) {
            return Math.min(maxProbed, hops.firstKey() + settings.maxMissingHops() - 1);
        }
        return Math.min(maxProbed, lastAnswered + settings.maxMissingHops());
    }

    public synchronized TraceSnapshot snapshot() {
        int last = lastShownTtl();
        List<HopSnapshot> hopList = new ArrayList<>();
        for (Map.Entry<Integer, HopState> e : hops.headMap(last, true).entrySet()) {
            HopState h = e.getValue();
            List<InterfaceSnapshot> ifaces = new ArrayList<>();
            for (Map.Entry<InetAddress, IfaceState> ie : h.interfaces.entrySet()) {
                IfaceState s = ie.getValue();
                RttStats st = s.stats.snapshot();
                ifaces.add(new InterfaceSnapshot(ie.getKey(), new TreeSet<>(s.flows), st.received(), st,
                        new TreeSet<>(s.quotedTtls), new TreeSet<>(s.replyTtls), new ArrayList<>(s.mpls),
                        new TreeSet<>(s.marks), s.destination));
            }
            ifaces.sort(Comparator.comparingInt(InterfaceSnapshot::replies).reversed());
            hopList.add(new HopSnapshot(new Ttl(e.getKey()), ifaces, h.stats.snapshot(), h.pending));
        }
        List<LinkSnapshot> linkList = new ArrayList<>();
        for (Map.Entry<LinkKey, Set<FlowId>> e : links.entrySet()) {
            LinkKey k = e.getKey();
            if (k.fromTtl < last) {
                linkList.add(new LinkSnapshot(new Ttl(k.fromTtl), k.from, k.to, new TreeSet<>(e.getValue())));
            }
        }
        return new TraceSnapshot(toolVersion, settings, resolved, source, transport, startedEpochMicros,
                finishedEpochMicros, status, statusDetail, hopList, linkList, new ArrayList<>(probes),
                probes.size(), unmatched);
    }

    private void fire(TraceEvent e) {
        for (TraceListener l : listeners) {
            l.onEvent(e);
        }
    }

    private static final class HopState {
        final RttAccumulator stats = new RttAccumulator();
        final Map<InetAddress, IfaceState> interfaces = new LinkedHashMap<>();
        int pending;
        boolean terminal;
    }

    private static final class IfaceState {
        final RttAccumulator stats = new RttAccumulator();
        final Set<FlowId> flows = new TreeSet<>();
        final Set<Integer> quotedTtls = new TreeSet<>();
        final Set<Integer> replyTtls = new TreeSet<>();
        final Set<List<MplsEntry>> mpls = new LinkedHashSet<>();
        final Set<String> marks = new TreeSet<>();
        boolean destination;
    }

    private record LinkKey(int fromTtl, InetAddress from, InetAddress to) {
    }
}
