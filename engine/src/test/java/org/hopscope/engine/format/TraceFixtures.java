package org.hopscope.engine.format;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.HopscopeVersion;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.ProbeId;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.probe.Ttl;
import org.hopscope.engine.trace.InterfaceInfo;
import org.hopscope.engine.trace.MplsEntry;
import org.hopscope.engine.trace.ProbeOutcome;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.Reply;
import org.hopscope.engine.trace.ReplyKind;
import org.hopscope.engine.trace.SentFields;
import org.hopscope.engine.trace.TraceRecorder;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.TransportInfo;

/** Builds trace snapshots through a real {@link TraceRecorder}, probe by probe. Public for app tests. */
public final class TraceFixtures {
    public static final long START_US = 1_735_689_600_000_000L; // 2025-01-01T00:00:00Z
    public static final TransportInfo SIM = new TransportInfo(TransportInfo.Kind.SIMULATED, "simulated",
            java.util.Set.of(ProbeProtocol.UDP, ProbeProtocol.ICMP, ProbeProtocol.TCP), true, true, List.of());

    private final TraceRecorder recorder;
    private final TraceSettings settings;
    private final InetAddress source;
    private final InetAddress target;
    private long sequence;
    private int nextId;

    public TraceFixtures(TraceSettings settings, String source, String target) {
        this.settings = settings;
        this.source = ip(source);
        this.target = ip(target);
        this.nextId = settings.initialProbeId();
        this.recorder = new TraceRecorder(HopscopeVersion.VERSION, settings, this.target, this.source, SIM,
                START_US);
        recorder.started();
    }

    public TraceFixtures(String source, String target) {
        this(TraceSettings.builder(target).build(), source, target);
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public TraceRecorder recorder() {
        return recorder;
    }

    /** Sends a probe at {@code ttl}, column {@code column}, flow 0. */
    public ProbeRecord send(int ttl, int column) {
        return send(ttl, column, 0);
    }

    public ProbeRecord send(int ttl, int column, int flow) {
        long seq = sequence++;
        int id = nextId++;
        boolean udp = settings.protocol() == ProbeProtocol.UDP;
        SentFields f = new SentFields(source, target, settings.tos(), 0, id, settings.sourcePort(),
                settings.protocol() == ProbeProtocol.ICMP ? -1 : settings.destinationPort(),
                settings.protocol() == ProbeProtocol.TCP ? -1 : id, udp ? -1 : 1000 + seq, 60);
        ProbeRecord p = new ProbeRecord(seq, ProbeId.of(id), FlowId.of(flow), Ttl.of(ttl), column,
                settings.protocol(), f, 1_000_000L * seq, START_US + 1000 * seq, ProbeOutcome.PENDING, null, null);
        recorder.probeSent(p);
        return p;
    }

    public void answer(ProbeRecord p, ReplyBuilder r) {
        recorder.probeCompleted(p.answered(r.build(p)));
    }

    public void timeout(ProbeRecord p) {
        recorder.probeCompleted(p.timedOut());
    }

    /** Sends and answers in one go. */
    public void hop(int ttl, int column, ReplyBuilder r) {
        answer(send(ttl, column), r);
    }

    public void hopTimeout(int ttl, int column) {
        timeout(send(ttl, column));
    }

    public TraceSnapshot finish(TraceStatus status) {
        recorder.finish(status, status == TraceStatus.FAILED ? "the transport stopped working" : "",
                START_US + 1_500_000);
        return recorder.snapshot();
    }

    public static ReplyBuilder timeExceeded(String from, double rttMs) {
        return new ReplyBuilder(from, ReplyKind.TIME_EXCEEDED, 11, 0, rttMs);
    }

    /** Port unreachable from the destination: the trace reached it. */
    public static ReplyBuilder destination(String from, double rttMs) {
        return new ReplyBuilder(from, ReplyKind.DEST_UNREACHABLE, 3, 3, rttMs).fromDestination();
    }

    public static ReplyBuilder unreachable(String from, int code, double rttMs) {
        return new ReplyBuilder(from, ReplyKind.DEST_UNREACHABLE, 3, code, rttMs);
    }

    /** A fluent reply under construction. */
    public static final class ReplyBuilder {
        private final InetAddress from;
        private final ReplyKind kind;
        private final int type;
        private final int code;
        private final long rttNanos;
        private int replyTtl = 254;
        private int replyIpId = 4321;
        private int quotedTtl = 1;
        private InetAddress quotedSource;
        private boolean fromDestination;
        private int mtu = -1;
        private final List<MplsEntry> mpls = new ArrayList<>();
        private final List<InterfaceInfo> interfaces = new ArrayList<>();

        ReplyBuilder(String from, ReplyKind kind, int type, int code, double rttMs) {
            this.from = ip(from);
            this.kind = kind;
            this.type = type;
            this.code = code;
            this.rttNanos = Math.round(rttMs * 1e6);
        }

        public ReplyBuilder replyTtl(int v) { replyTtl = v; return this; }
        public ReplyBuilder ipId(int v) { replyIpId = v; return this; }
        public ReplyBuilder quotedTtl(int v) { quotedTtl = v; return this; }
        public ReplyBuilder quotedSource(String v) { quotedSource = ip(v); return this; }
        public ReplyBuilder fromDestination() { fromDestination = true; return this; }
        public ReplyBuilder mtu(int v) { mtu = v; return this; }
        public ReplyBuilder mpls(int label, int ttl, boolean bottom) {
            mpls.add(new MplsEntry(label, 0, bottom, ttl));
            return this;
        }
        public ReplyBuilder iface(InterfaceInfo i) { interfaces.add(i); return this; }

        Reply build(ProbeRecord p) {
            return new Reply(from, kind, type, code, p.sentNanos() + rttNanos, rttNanos, replyTtl,
                    from.getAddress().length == 4 ? replyIpId : -1, quotedTtl, p.sent().ipId(),
                    p.sent().checksum(), quotedSource != null ? quotedSource : p.sent().source(), fromDestination, mtu,
                    mpls, interfaces);
        }
    }

    /**
     * A rich trace exercising every field: timeouts, two interfaces at one hop, !T0, MPLS, RFC 5837
     * interface info, a destination reply, an abandoned probe, an unmatched reply.
     */
    public static TraceSnapshot rich() {
        TraceSettings settings = TraceSettings.builder("target.example").waitTime(java.time.Duration.ofMillis(1500))
                .delay(java.time.Duration.ofNanos(250_000)).build();
        TraceFixtures t = new TraceFixtures(settings, "10.0.0.2", "192.0.2.9");
        t.hop(1, 0, timeExceeded("10.0.0.1", 0.569));
        t.hop(1, 1, timeExceeded("10.0.0.1", 0.495));
        t.hop(1, 2, timeExceeded("10.0.0.1", 0.49));
        t.hopTimeout(2, 0);
        t.hopTimeout(2, 1);
        t.hopTimeout(2, 2);
        t.hop(3, 0, timeExceeded("198.51.100.1", 10.31).quotedTtl(0).mpls(27121, 1, false).mpls(2, 255, true));
        t.hop(3, 1, timeExceeded("198.51.100.5", 11.02).mtu(1400)
                .iface(new InterfaceInfo(0, 7, "198.51.100.5", "ge-0/0/1", 1500)));
        t.hopTimeout(3, 2);
        t.hop(4, 0, destination("192.0.2.9", 12.5).replyTtl(60));
        t.hop(4, 1, destination("192.0.2.9", 12.25).replyTtl(60));
        t.hop(4, 2, destination("192.0.2.9", 12.75).replyTtl(60));
        ProbeRecord beyond = t.send(5, 0);
        t.recorder().probeCompleted(beyond.abandoned());
        t.recorder().unmatchedReply();
        return t.finish(TraceStatus.REACHED);
    }
}
