package org.hopscope.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hopscope.engine.sim.SimTestSupport.ip;
import static org.hopscope.engine.sim.SimTestSupport.udp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hopscope.engine.transport.TransportEvent;
import org.junit.jupiter.api.Test;

/** Random loss, jitter and ICMP rate limiting: seeded, and in the transport's clock. */
class ChanceTest {
    static final InetAddress H = ip("198.18.9.9");

    private static Topology topo(String routerOptions, String linkOptions) {
        return SimTestSupport.topo("""
                source me 198.18.0.2
                router r1 198.18.1.1 %s
                host h 198.18.9.9
                link me r1 1ms %s
                link r1 h 1ms
                """.formatted(routerOptions, linkOptions));
    }

    /** Sends {@code n} probes at once and returns the tokens answered. */
    private static Set<Long> answered(SimulatedTransport t, int n, int ttl) throws Exception {
        for (int i = 0; i < n; i++) {
            t.send(i, udp(H, ttl, 1000 + i, 2), 1_000_000_000L);
        }
        Set<Long> got = new TreeSet<>();
        while (t.pendingEvents() > 0) {
            for (TransportEvent e : t.poll(t.nanoTime() + 1_000_000_000L)) {
                if (e instanceof TransportEvent.Received r) {
                    got.add(r.tokenHint());
                }
            }
        }
        return got;
    }

    @Test
    void linkLossHitsProbesAndRepliesWithTheConfiguredProbability() throws Exception {
        Topology topo = topo("", "loss=0.3");
        Set<Long> a = answered(new SimulatedTransport(topo, SimulatedTransport.Clock.VIRTUAL), 4000, 9);
        // Crossed twice (probe out, reply back): answered with probability 0.7 x 0.7 = 0.49.
        assertThat(a.size() / 4000.0).isBetween(0.46, 0.52);
        Set<Long> same = answered(new SimulatedTransport(topo, SimulatedTransport.Clock.VIRTUAL), 4000, 9);
        Set<Long> other = answered(new SimulatedTransport(topo.withSeed(5), SimulatedTransport.Clock.VIRTUAL), 4000, 9);
        assertThat(same).as("same seed, same losses").isEqualTo(a);
        assertThat(other).as("another seed, other losses").isNotEqualTo(a);
        assertThat(topo.truePath(udp(H, 9, 1, 2))).as("truth ignores chance").containsExactly(ip("198.18.1.1"), H);
    }

    @Test
    void nodeLossDropsPacketsArrivingAtTheNode() throws Exception {
        Topology topo = topo("loss=10%", "");
        double atHop1 = answered(new SimulatedTransport(topo, SimulatedTransport.Clock.VIRTUAL), 3000, 1).size() / 3000.0;
        double beyond = answered(new SimulatedTransport(topo, SimulatedTransport.Clock.VIRTUAL), 3000, 9).size() / 3000.0;
        assertThat(atHop1).as("the probe reaches it once").isBetween(0.87, 0.93);
        assertThat(beyond).as("the probe and the reply cross it: 0.9 x 0.9").isBetween(0.78, 0.84);
    }

    @Test
    void tokenBucketLimitsIcmpInVirtualTime() throws Exception {
        SimulatedTransport t = new SimulatedTransport(topo("rate=2/s burst=3", ""), SimulatedTransport.Clock.VIRTUAL);
        assertThat(answered(t, 10, 1)).as("a burst of 3").containsExactly(0L, 1L, 2L);
        assertThat(answered(t, 10, 1)).as("2 ms later: empty").isEmpty();
        t.poll(t.nanoTime() + 500_000_000L); // half a second: one token
        assertThat(answered(t, 10, 1)).hasSize(1);
        t.poll(t.nanoTime() + 10_000_000_000L); // refilled to the burst, not beyond
        assertThat(answered(t, 10, 1)).hasSize(3);
        assertThat(answered(t, 10, 9)).as("the limit is on ICMP the router sends, not on forwarding").hasSize(10);
    }

    @Test
    void rateLimitedHostsLimitTheirIcmpButNotTcp() throws Exception {
        Topology topo = SimTestSupport.topo("""
                source me 198.18.0.2
                host h 198.18.9.9 rate=1/s burst=1
                link me h 1ms
                """);
        SimulatedTransport t = new SimulatedTransport(topo, SimulatedTransport.Clock.VIRTUAL);
        assertThat(answered(t, 5, 9)).hasSize(1);
        int rsts = 0;
        for (int i = 0; i < 5; i++) {
            rsts += SimTestSupport.exchange(t, SimTestSupport.syn(H, 9, 1000 + i, 80, 1)).size();
        }
        assertThat(rsts).isEqualTo(5);
    }

    @Test
    void jitterAddsBoundedSeededDelay() throws Exception {
        SimulatedTransport t = new SimulatedTransport(topo("", "jitter=2ms"), SimulatedTransport.Clock.VIRTUAL);
        List<Long> rtts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long sent = t.nanoTime();
            for (TransportEvent.Received r : SimTestSupport.exchange(t, udp(H, 9, 1, 2))) {
                rtts.add(r.receivedNanos() - sent);
            }
        }
        assertThat(rtts).hasSize(200).allMatch(r -> r >= 4_000_000L && r < 8_000_000L);
        assertThat(rtts.stream().distinct().count()).isGreaterThan(150);
    }
}
