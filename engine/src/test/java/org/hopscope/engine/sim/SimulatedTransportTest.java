package org.hopscope.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hopscope.engine.sim.SimTestSupport.ME4;
import static org.hopscope.engine.sim.SimTestSupport.ip;
import static org.hopscope.engine.sim.SimTestSupport.udp;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;
import org.junit.jupiter.api.Test;

class SimulatedTransportTest {
    static final InetAddress DST = ip("198.18.15.10");
    static final long MS = 1_000_000L;

    private static SimulatedTransport bench(SimulatedTransport.Clock clock) {
        return new SimulatedTransport(Topology.builtIn("bench-15hop"), clock);
    }

    @Test
    void describesItself() throws Exception {
        SimulatedTransport t = bench(SimulatedTransport.Clock.VIRTUAL);
        TransportInfo info = t.info();
        assertThat(info.kind()).isEqualTo(TransportInfo.Kind.SIMULATED);
        assertThat(info.protocols()).isEqualTo(EnumSet.allOf(ProbeProtocol.class));
        assertThat(info.ipv6()).isTrue();
        assertThat(info.fullHeaderControl()).isTrue();
        assertThat(info.limitations()).containsExactly("simulated network: no packet leaves this machine");
        assertThat(info.summary()).contains("IPv4+IPv6");
        assertThat(t.sourceAddressFor(DST)).isEqualTo(ME4);
        assertThat(t.sourceAddressFor(ip("2001:db8:f::10"))).isEqualTo(ip("2001:db8::2"));
        assertThat(t.sourceAddressFor(ip("192.0.2.1"))).as("any destination of the family").isEqualTo(ME4);

        SimulatedTransport v4only = new SimulatedTransport(SimTestSupport.topo("""
                source me 198.18.0.2
                host h 198.18.9.9
                link me h 1ms
                """), SimulatedTransport.Clock.VIRTUAL);
        assertThat(v4only.info().ipv6()).isFalse();
        assertThatThrownBy(() -> v4only.sourceAddressFor(ip("2001:db8::9")))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.error()).isEqualTo(TransportError.NO_ROUTE));
    }

    @Test
    void virtualClockOnlyMovesInsidePoll() throws Exception {
        SimulatedTransport t = bench(SimulatedTransport.Clock.VIRTUAL);
        long t0 = t.nanoTime();
        t.send(7, udp(DST, 3, 1, 2), 5_000 * MS);
        assertThat(t.nanoTime()).isEqualTo(t0);
        Thread.sleep(5);
        assertThat(t.nanoTime()).as("wall time does not move it").isEqualTo(t0);

        List<TransportEvent> first = t.poll(t0 + 1_000 * MS);
        assertThat(first).containsExactly(new TransportEvent.Sent(7, t0));
        assertThat(t.nanoTime()).as("the Sent event was due at once").isEqualTo(t0);

        List<TransportEvent> second = t.poll(t0 + 1_000 * MS);
        assertThat(second).hasSize(1);
        TransportEvent.Received r = (TransportEvent.Received) second.get(0);
        assertThat(r.receivedNanos()).as("hop 3: 2 x 3 x 20 ms").isEqualTo(t0 + 120 * MS);
        assertThat(t.nanoTime()).as("jumped to the event, not the deadline").isEqualTo(t0 + 120 * MS);
        assertThat(r.tokenHint()).isEqualTo(7);

        assertThat(t.poll(t0 + 500 * MS)).as("nothing left: jump to the deadline").isEmpty();
        assertThat(t.nanoTime()).isEqualTo(t0 + 500 * MS);
        assertThat(t.poll(t0 + 100 * MS)).as("a past deadline").isEmpty();
        assertThat(t.nanoTime()).as("time never goes back").isEqualTo(t0 + 500 * MS);
        assertThat(t.poll(Long.MAX_VALUE)).as("nothing can ever come").isEmpty();
        assertThat(t.nanoTime()).isEqualTo(t0 + 500 * MS);
    }

    @Test
    void virtualPollStopsAtTheDeadlineBeforeLaterEvents() throws Exception {
        SimulatedTransport t = bench(SimulatedTransport.Clock.VIRTUAL);
        t.send(1, udp(DST, 1, 1, 2), 0);
        t.send(2, udp(DST, 2, 1, 2), 0);
        t.send(3, udp(DST, 2, 1, 3), 0);
        assertThat(t.poll(0)).hasSize(3).allMatch(e -> e instanceof TransportEvent.Sent);
        assertThat(t.poll(30 * MS)).isEmpty();
        assertThat(t.nanoTime()).isEqualTo(30 * MS);
        assertThat(t.poll(Long.MAX_VALUE)).extracting(e -> ((TransportEvent.Received) e).tokenHint()).containsExactly(1L);
        assertThat(t.nanoTime()).isEqualTo(40 * MS);
        assertThat(t.poll(Long.MAX_VALUE)).as("two events due at the same instant come together")
                .extracting(e -> ((TransportEvent.Received) e).tokenHint()).containsExactly(2L, 3L);
        assertThat(t.nanoTime()).isEqualTo(80 * MS);
        assertThat(t.pendingEvents()).isZero();
        assertThat(t.probesSent()).isEqualTo(3);
        assertThat(t.repliesDelivered()).isEqualTo(3);
    }

    @Test
    void refusedProbesFailWithAReason() throws Exception {
        SimulatedTransport t = bench(SimulatedTransport.Clock.VIRTUAL);
        t.send(1, udp(ip("192.0.2.7"), 3, 1, 2), 0);
        t.send(2, new byte[] {0x45, 0, 0}, 0);
        byte[] spoofed = SimTestSupport.ipPacket(ip("198.18.0.99"), DST, 3, 0, 1, 17,
                new org.hopscope.engine.packet.UdpBuilder().sourcePort(1).destinationPort(2)
                        .build(ip("198.18.0.99"), DST));
        t.send(3, spoofed, 0);
        t.send(4, udp(ME4, 3, 1, 2), 0);
        List<TransportEvent> events = t.poll(0);
        assertThat(events).hasSize(4).allMatch(e -> e instanceof TransportEvent.SendFailed);
        TransportEvent.SendFailed noRoute = (TransportEvent.SendFailed) events.get(0);
        assertThat(noRoute.token()).isEqualTo(1);
        assertThat(noRoute.error()).isEqualTo(TransportError.NO_ROUTE);
        assertThat(noRoute.detail()).contains("192.0.2.7").contains("bench-15hop");
        assertThat(((TransportEvent.SendFailed) events.get(1)).error()).isEqualTo(TransportError.INVALID_REQUEST);
        assertThat(((TransportEvent.SendFailed) events.get(2)).error()).isEqualTo(TransportError.INVALID_REQUEST);
        assertThat(((TransportEvent.SendFailed) events.get(3)).error()).as("tracing oneself")
                .isEqualTo(TransportError.NO_ROUTE);
        assertThat(t.poll(10_000 * MS)).isEmpty();
        assertThat(t.probesSent()).isZero();

        SimulatedTransport v4only = new SimulatedTransport(SimTestSupport.topo("""
                source me 198.18.0.2
                host h 198.18.9.9
                link me h 1ms
                """), SimulatedTransport.Clock.VIRTUAL);
        v4only.send(9, udp(ip("2001:db8::9"), 3, 1, 2), 0);
        TransportEvent.SendFailed v6 = (TransportEvent.SendFailed) v4only.poll(0).get(0);
        assertThat(v6.error()).isEqualTo(TransportError.NO_ROUTE);
        assertThat(v6.detail()).contains("no IPv6");
    }

    @Test
    void closedTransportRefusesWork() throws Exception {
        SimulatedTransport t = bench(SimulatedTransport.Clock.VIRTUAL);
        t.send(1, udp(DST, 3, 1, 2), 0);
        t.close();
        assertThatThrownBy(() -> t.poll(1_000 * MS)).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.error()).isEqualTo(TransportError.TRANSPORT_FAILED));
        assertThatThrownBy(() -> t.send(2, udp(DST, 3, 1, 2), 0)).isInstanceOf(TransportException.class);
        t.close(); // idempotent
    }

    @Test
    void realClockDeliversAtTheConfiguredDelays() throws Exception {
        SimulatedTransport t = bench(SimulatedTransport.Clock.REAL);
        long start = System.nanoTime();
        assertThat(t.nanoTime() - start).isLessThan(50 * MS);
        t.send(1, udp(DST, 1, 1, 2), 0);   // hop 1: 40 ms
        t.send(2, udp(DST, 2, 1, 2), 0);   // hop 2: 80 ms
        java.util.Map<Long, Long> sentAt = new java.util.HashMap<>();
        java.util.Map<Long, Long> rtt = new java.util.HashMap<>();
        java.util.Map<Long, Long> lateness = new java.util.HashMap<>();
        long deadline = System.nanoTime() + 2_000 * MS;
        while (rtt.size() < 2 && System.nanoTime() < deadline) {
            for (TransportEvent e : t.poll(deadline)) {
                if (e instanceof TransportEvent.Sent s) {
                    assertThat(s.sentNanos()).isBetween(start, System.nanoTime());
                    sentAt.put(s.token(), s.sentNanos());
                } else if (e instanceof TransportEvent.Received r) {
                    rtt.put(r.tokenHint(), r.receivedNanos() - sentAt.get(r.tokenHint()));
                    lateness.put(r.tokenHint(), System.nanoTime() - r.receivedNanos());
                }
            }
        }
        assertThat(rtt).containsEntry(1L, 40 * MS).containsEntry(2L, 80 * MS);
        assertThat(lateness.values()).as("delivered at the stamped time, not before, not much after")
                .allMatch(l -> l >= 0 && l < 100 * MS);

        long before = System.nanoTime();
        assertThat(t.poll(System.nanoTime() + 30 * MS)).as("waits out the deadline").isEmpty();
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(29 * MS);
    }

    @Test
    void closeFromAnotherThreadWakesABlockedRealTimePoll() throws Exception {
        SimulatedTransport t = bench(SimulatedTransport.Clock.REAL);
        CompletableFuture<Throwable> polled = CompletableFuture.supplyAsync(() -> {
            try {
                t.poll(Long.MAX_VALUE);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(100);
        assertThat(polled).isNotDone();
        long closing = System.nanoTime();
        t.close();
        Throwable thrown = polled.get(2, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - closing).isLessThan(1_000 * MS);
        assertThat(thrown).isInstanceOf(TransportException.class);
    }

    @Test
    void aProbeSentDuringABlockedRealTimePollIsSeen() throws Exception {
        SimulatedTransport t = bench(SimulatedTransport.Clock.REAL);
        CompletableFuture<List<TransportEvent>> polled = CompletableFuture.supplyAsync(() -> {
            try {
                return t.poll(System.nanoTime() + 5_000 * MS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        t.send(5, udp(DST, 1, 1, 2), 0);
        assertThat(polled.get(2, TimeUnit.SECONDS)).containsExactly(new TransportEvent.Sent(5,
                ((TransportEvent.Sent) polled.get().get(0)).sentNanos()));
        t.close();
    }
}
