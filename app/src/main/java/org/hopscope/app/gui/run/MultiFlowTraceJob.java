package org.hopscope.app.gui.run;

import java.net.InetAddress;
import java.time.Instant;
import java.util.function.Consumer;
import org.hopscope.engine.HopscopeVersion;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceEvent;
import org.hopscope.engine.trace.TraceRecorder;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/**
 * Fixed-flow multipath: N Paris traces, one per flow (NetBeez sends up to
 * 20 flows per run the same way), merged live into one recorder whose flow ids are the flow indices.
 * Flow i is exactly what the engine's strategy crafts for {@code FlowId.of(i)} with the base settings
 * (source port + i, or ICMP checksum base + i), so the merged trace can be re-crafted for pcap export.
 */
final class MultiFlowTraceJob extends AbstractTraceJob {
    private static final long SEQUENCE_STRIDE = 1_000_000L;

    /** One recorder per flow (flow ids remapped), merged on demand; see {@link SnapshotMerger}. */
    private final java.util.List<TraceRecorder> perFlow = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile TraceRecorder merged;
    private volatile int flowsDone;
    private volatile TraceSnapshot done;

    MultiFlowTraceJob(TraceRequest request, Runnable changed, Consumer<TraceSnapshot> finished) {
        super(request, changed, finished);
    }

    /** Settings of flow i: the base settings with the flow's hashed field moved by i. */
    static TraceSettings flowSettings(TraceSettings base, int i, int probesPerFlow) {
        TraceSettings.Builder b = base.toBuilder().initialProbeId(1 + i * (probesPerFlow + 1));
        if (base.protocol() == ProbeProtocol.ICMP) {
            b.destinationPort(base.destinationPort() + i);
        } else {
            b.sourcePort(base.sourcePort() + i);
        }
        return b.build();
    }

    @Override
    protected TraceSnapshot run(ProbeTransport transport, InetAddress target) throws TransportException {
        TraceSettings base = request.settings();
        Instant now = Instant.now();
        long startMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        TraceRecorder m = new TraceRecorder(HopscopeVersion.VERSION, base, target,
                transport.sourceAddressFor(target), transport.info(), startMicros);
        merged = m;
        m.started();
        int perFlowProbes = base.maxTtl() * base.probesPerHop();
        boolean reached = false;
        TraceStatus status = TraceStatus.NOT_REACHED;
        String detail = "";
        for (int i = 0; i < request.flows() && !stopRequested; i++) {
            final int flow = i;
            Tracer t = new Tracer(flowSettings(base, i, perFlowProbes), transport, target);
            TraceRecorder r = new TraceRecorder(HopscopeVersion.VERSION, base, target, m.snapshot().sourceAddress(),
                    transport.info(), startMicros);
            perFlow.add(r);
            t.listener(e -> {
                if (e instanceof TraceEvent.ProbeSent ps) {
                    r.probeSent(remap(ps.probe(), flow));
                } else if (e instanceof TraceEvent.ProbeCompleted pc) {
                    r.probeCompleted(remap(pc.probe(), flow));
                    changed();
                }
            });
            stoppable(t::stop);
            TraceSnapshot s = t.run();
            flowsDone = i + 1;
            reached |= s.status() == TraceStatus.REACHED;
            if (s.status() == TraceStatus.FAILED) {
                status = TraceStatus.FAILED;
                detail = s.statusDetail();
                break;
            }
        }
        if (status != TraceStatus.FAILED) {
            status = stopRequested ? TraceStatus.STOPPED : reached ? TraceStatus.REACHED : TraceStatus.NOT_REACHED;
        }
        Instant end = Instant.now();
        done = merge(m, status, detail, end.getEpochSecond() * 1_000_000L + end.getNano() / 1000);
        return done;
    }

    private TraceSnapshot merge(TraceRecorder m, TraceStatus status, String detail, long finished) {
        java.util.List<TraceSnapshot> parts = new java.util.ArrayList<>();
        for (TraceRecorder r : perFlow) {
            parts.add(r.snapshot());
        }
        return SnapshotMerger.merge(m.snapshot(), parts, status, detail, finished);
    }

    private static ProbeRecord remap(ProbeRecord p, int flow) {
        return new ProbeRecord(flow * SEQUENCE_STRIDE + p.sequence(), p.probeId(), FlowId.of(flow), p.ttl(),
                p.column(), p.protocol(), p.sent(), p.sentNanos(), p.sentEpochMicros(), p.outcome(), p.reply(),
                p.error());
    }

    @Override
    public TraceSnapshot snapshot() {
        TraceRecorder m = merged;
        return done != null ? done : m == null ? null : merge(m, TraceStatus.RUNNING, "", -1);
    }

    @Override
    public double progress() {
        return done != null ? 1 : (double) flowsDone / Math.max(1, request.flows());
    }
}
