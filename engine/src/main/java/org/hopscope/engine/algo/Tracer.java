package org.hopscope.engine.algo;

import java.net.InetAddress;
import java.time.Instant;
import org.hopscope.engine.HopscopeVersion;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.ProbeStrategies;
import org.hopscope.engine.probe.ProbeStrategy;
import org.hopscope.engine.probe.Ttl;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceListener;
import org.hopscope.engine.trace.TraceRecorder;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/**
 * Runs one single-path trace (paris-traceroute's hopbyhop, packetbypacket, concurrent, scout) on the
 * caller's thread. Whatever happens, every result received is kept: a transport failure ends the
 * trace as {@link TraceStatus#FAILED} with its reason, a {@link #stop()} as {@link TraceStatus#STOPPED}.
 */
public final class Tracer {
    private static final FlowId PARIS_FLOW = FlowId.of(0);

    private final TraceSettings settings;
    private final ProbeTransport transport;
    private final InetAddress target;
    private final TraceRecorder recorder;
    private final ProbeSession session;

    public Tracer(TraceSettings settings, ProbeTransport transport, InetAddress target) throws TransportException {
        if (settings.algorithm().multipath()) {
            throw new IllegalArgumentException("algorithm " + settings.algorithm().cliName()
                    + " explores every path: run it with org.hopscope.engine.mda.MultipathTracer");
        }
        this.settings = settings;
        this.transport = transport;
        this.target = target;
        InetAddress source = transport.sourceAddressFor(target);
        long startNanos = transport.nanoTime();
        long startMicros = epochMicros(Instant.now());
        this.recorder = new TraceRecorder(HopscopeVersion.VERSION, settings, target, source, transport.info(),
                startMicros);
        ProbeStrategy strategy = ProbeStrategies.forSettings(settings);
        this.session = new ProbeSession(settings, transport, strategy, recorder, target, source, startNanos,
                startMicros);
    }

    private static long epochMicros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    public Tracer listener(TraceListener l) {
        recorder.addListener(l);
        return this;
    }

    public TraceRecorder recorder() {
        return recorder;
    }

    /** Asks a running trace to stop soon; the results so far are kept. Any thread. */
    public void stop() {
        session.stop();
    }

    /** Runs the trace to its end and returns the final snapshot. */
    public TraceSnapshot run() {
        recorder.started();
        TraceStatus status;
        String detail = "";
        try {
            switch (settings.algorithm()) {
                case HOPBYHOP -> hopByHop(settings.firstTtl(), settings.maxTtl());
                case PACKETBYPACKET -> packetByPacket();
                case CONCURRENT -> concurrent(settings.maxTtl());
                case SCOUT -> scout();
            }
            status = session.stopped() ? TraceStatus.STOPPED
                    : session.destinationReached() ? TraceStatus.REACHED : TraceStatus.NOT_REACHED;
        } catch (TransportException e) {
            status = TraceStatus.FAILED;
            detail = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = TraceStatus.STOPPED;
            detail = "interrupted";
        }
        session.abandonAll();
        recorder.finish(status, detail, session.epochMicrosNow());
        return recorder.snapshot();
    }

    private void hopByHop(int first, int last) throws TransportException, InterruptedException {
        int missing = 0;
        for (int t = first; t <= last && !session.stopped(); t++) {
            Ttl ttl = Ttl.of(t);
            for (int q = 0; q < settings.probesPerHop() && !session.stopped(); q++) {
                session.send(ttl, PARIS_FLOW, q);
            }
            session.awaitAll();
            if (session.destinationTtl() <= t) {
                return;
            }
            missing = silent(t) ? missing + 1 : 0;
            if (missing >= settings.maxMissingHops()) {
                return;
            }
        }
    }

    private void packetByPacket() throws TransportException, InterruptedException {
        int missing = 0;
        for (int t = settings.firstTtl(); t <= settings.maxTtl() && !session.stopped(); t++) {
            Ttl ttl = Ttl.of(t);
            for (int q = 0; q < settings.probesPerHop() && !session.stopped(); q++) {
                session.send(ttl, PARIS_FLOW, q);
                session.awaitAll();
            }
            if (session.destinationTtl() <= t) {
                return;
            }
            missing = silent(t) ? missing + 1 : 0;
            if (missing >= settings.maxMissingHops()) {
                return;
            }
        }
    }

    private void concurrent(int last) throws TransportException, InterruptedException {
        // Round-robin over TTLs so the first replies of every hop come back first.
        for (int q = 0; q < settings.probesPerHop() && !session.stopped(); q++) {
            for (int t = settings.firstTtl(); t <= last && !session.stopped(); t++) {
                if (t > session.destinationTtl()) {
                    break;
                }
                session.send(Ttl.of(t), PARIS_FLOW, q);
            }
        }
        session.awaitThrough(session::destinationTtl);
    }

    private void scout() throws TransportException, InterruptedException {
        int max = settings.maxTtl();
        ProbeRecord scoutProbe = session.send(Ttl.of(max), PARIS_FLOW, 0);
        session.awaitAll();
        int hops = scoutDistance(scoutProbe.sequence(), max);
        if (hops > 0) {
            concurrent(Math.min(hops, max));
        } else {
            hopByHop(settings.firstTtl(), max);
        }
    }

    /** Path length from the scout's reply: the quoted TTL tells how many hops it crossed. */
    private int scoutDistance(long sequence, int sentTtl) {
        ProbeRecord p = recorder.snapshot().probes().stream().filter(r -> r.sequence() == sequence).findFirst()
                .orElse(null);
        if (p == null || !p.isAnswered() || !p.reply().fromDestination()) {
            return -1;
        }
        int quoted = p.reply().quotedTtl();
        if (quoted > 0) {
            return sentTtl - quoted + 1;
        }
        // No quote (echo reply, TCP): guess from the reply TTL and the usual initial TTLs.
        return TtlMath.returnHops(p.reply().replyTtl());
    }

    private boolean silent(int ttl) {
        return recorder.snapshot().hop(ttl).map(HopSnapshot::interfaces).map(java.util.List::isEmpty).orElse(true);
    }

    InetAddress target() {
        return target;
    }

    ProbeTransport transport() {
        return transport;
    }
}
