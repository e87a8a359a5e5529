package org.hopscope.engine.algo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.sim.SimulatedTransport;
import org.hopscope.engine.sim.Topology;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.ProbeOutcome;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;
import org.junit.jupiter.api.Test;

/**
 * Regression: a default concurrent trace (3 probes x 30 TTLs sent at once) of a short, fast path lost
 * answers when the engine handled events more slowly than they arrived (a cold JVM through the helper:
 * replies waited 100+ ms in the transport's queue). The adaptive wait (RTT-based, ~100 ms here) ran
 * out while the answer sat unread, so probes answered within microseconds ended "timed out".
 * An answer that is already waiting in the transport must win over its probe's expiry.
 */
class BusyEngineExpiryTest {
    private static final String NET = """
            source me 198.18.0.2 2001:db8::2
            router r1 198.18.1.1 2001:db8:1::1
            host   h  198.18.2.2 2001:db8:2::2
            link me r1 1ms
            link r1 h 1ms
            """;

    /**
     * A real-clock simulated network read by a slow consumer: each poll first spends {@code busyMs}
     * (the engine's work on the previous batch) and then hands out at most {@code batch} of the events
     * that have arrived, the rest staying queued, as they would in the helper's pipe and inbox.
     */
    static final class SlowConsumer extends ForwardingTransport {
        private final int batch;
        private final long busyMs;
        private final ArrayDeque<TransportEvent> queued = new ArrayDeque<>();

        SlowConsumer(SimulatedTransport inner, int batch, long busyMs) {
            super(inner);
            this.batch = batch;
            this.busyMs = busyMs;
        }

        @Override public List<TransportEvent> poll(long deadlineNanos) throws TransportException, InterruptedException {
            Thread.sleep(busyMs);
            queued.addAll(inner.poll(inner.nanoTime())); // what has arrived meanwhile, without waiting
            if (queued.isEmpty()) {
                queued.addAll(inner.poll(deadlineNanos));
            }
            List<TransportEvent> out = new ArrayList<>();
            while (!queued.isEmpty() && out.size() < batch) {
                out.add(queued.poll());
            }
            return out;
        }

    }

    /**
     * Holds probes back and puts one on the network every {@code gapMs}, as the helper's token bucket
     * does once its burst is spent: the {@code Sent} event comes only then.
     */
    static final class Paced extends ForwardingTransport {
        private record Held(long token, byte[] packet, long timeoutNanos) {
        }

        private final long gapNanos;
        private final ArrayDeque<Held> held = new ArrayDeque<>();
        private long nextSlot;

        Paced(SimulatedTransport inner, long gapMs) {
            super(inner);
            this.gapNanos = gapMs * 1_000_000L;
        }

        @Override public void send(long token, byte[] ipPacket, long timeoutNanos) {
            held.add(new Held(token, ipPacket.clone(), timeoutNanos));
        }

        @Override public List<TransportEvent> poll(long deadlineNanos) throws TransportException, InterruptedException {
            long now = inner.nanoTime();
            if (!held.isEmpty() && nextSlot - now <= 0) {
                Held h = held.poll();
                inner.send(h.token, h.packet, h.timeoutNanos);
                nextSlot = now + gapNanos;
            }
            long until = held.isEmpty() ? deadlineNanos : Math.min(deadlineNanos, nextSlot);
            return inner.poll(until);
        }
    }

    @Test
    void aProbeHeldBackByTheTransportIsNotExpiredBeforeItLeaves() throws Exception {
        Topology topo = Topology.parse(NET, "paced.topo");
        InetAddress target = InetAddress.getByName("198.18.2.2");
        // 45 probes 4 ms apart: the last leaves ~180 ms after the first answer set a ~100 ms adaptive wait.
        TraceSettings settings = TraceSettings.builder(target.getHostAddress()).protocol(ProbeProtocol.UDP)
                .maxTtl(15).build();
        try (Paced t = new Paced(new SimulatedTransport(topo, SimulatedTransport.Clock.REAL), 4)) {
            TraceSnapshot snap = new Tracer(settings, t, target).run();

            assertThat(snap.status()).isEqualTo(TraceStatus.REACHED);
            for (int ttl = 1; ttl <= 2; ttl++) {
                assertThat(snap.hop(ttl).orElseThrow().stats().received()).as("answers at TTL %d", ttl).isEqualTo(3);
            }
        }
    }

    @Test
    void answersWaitingInTheTransportAreNotOvertakenByExpiry() throws Exception {
        Topology topo = Topology.parse(NET, "busy.topo");
        InetAddress target = InetAddress.getByName("198.18.2.2");
        TraceSettings settings = TraceSettings.builder(target.getHostAddress()).protocol(ProbeProtocol.UDP).build();
        assertThat(settings.algorithm()).isEqualTo(Algorithm.CONCURRENT);
        assertThat(settings.probesPerHop()).isEqualTo(3);
        try (SlowConsumer t = new SlowConsumer(new SimulatedTransport(topo, SimulatedTransport.Clock.REAL), 8, 10)) {
            TraceSnapshot snap = new Tracer(settings, t, target).run();

            assertThat(snap.status()).isEqualTo(TraceStatus.REACHED);
            for (int ttl = 1; ttl <= 2; ttl++) {
                HopSnapshot hop = snap.hop(ttl).orElseThrow();
                assertThat(hop.stats().received()).as("answers at TTL %d", ttl).isEqualTo(3);
                assertThat(hop.stats().sent()).as("probes at TTL %d", ttl).isEqualTo(3);
            }
            for (ProbeRecord p : snap.probes()) {
                if (p.ttl().value() <= 2) {
                    assertThat(p.outcome()).as("probe %s", p).isEqualTo(ProbeOutcome.ANSWERED);
                }
            }
        }
    }

    @Test
    void multipathProbingAlsoReadsWaitingAnswersBeforeExpiring() throws Exception {
        Topology topo = Topology.parse(NET, "busy-mda.topo");
        InetAddress target = InetAddress.getByName("198.18.2.2");
        TraceSettings settings = TraceSettings.builder(target.getHostAddress()).protocol(ProbeProtocol.UDP)
                .algorithm(Algorithm.LITE).build();
        try (SlowConsumer t = new SlowConsumer(new SimulatedTransport(topo, SimulatedTransport.Clock.REAL), 2, 40)) {
            TraceSnapshot snap = new org.hopscope.engine.mda.MultipathTracer(settings,
                    org.hopscope.engine.mda.MdaSettings.defaults(), t, target).run();

            assertThat(snap.status()).isEqualTo(TraceStatus.REACHED);
            for (ProbeRecord p : snap.probes()) {
                if (p.ttl().value() <= 2) {
                    assertThat(p.outcome()).as("probe %s", p).isEqualTo(ProbeOutcome.ANSWERED);
                }
            }
        }
    }
}
