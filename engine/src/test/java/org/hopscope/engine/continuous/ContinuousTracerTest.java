package org.hopscope.engine.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.hopscope.engine.sim.SimulatedTransport;
import org.hopscope.engine.sim.Topology;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceStatus;
import org.junit.jupiter.api.Test;

/** mtr-style rounds over the simulated demo network, in virtual time (no wall-clock waits). */
class ContinuousTracerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1); // longer than a round (silent hop: 500 ms wait)

    private static ContinuousTracer tracer(ContinuousSettings c) throws Exception {
        Topology demo = Topology.builtIn("demo");
        InetAddress www = InetAddress.getByName("198.18.90.80");
        TraceSettings s = TraceSettings.builder("www").maxTtl(16).waitTime(Duration.ofMillis(500)).build();
        return new ContinuousTracer(s, new SimulatedTransport(demo, SimulatedTransport.Clock.VIRTUAL), www, c);
    }

    @Test
    void foldsEveryRoundIntoTheAggregateAndCountsProbesPerHop() throws Exception {
        ContinuousTracer t = tracer(ContinuousSettings.every(INTERVAL).withMaxRounds(20));
        int[] roundsSignalled = {0};
        t.listener(roundFinished -> {
            if (roundFinished) {
                roundsSignalled[0]++;
            }
        });
        ContinuousSnapshot s = t.run();
        assertThat(s.rounds()).isEqualTo(20);
        assertThat(s.running()).isFalse();
        assertThat(roundsSignalled[0]).isGreaterThanOrEqualTo(20);
        assertThat(s.aggregate().status()).isEqualTo(TraceStatus.REACHED);
        HopSnapshot first = s.aggregate().hops().get(0);
        assertThat(first.ttl().value()).isEqualTo(1);
        assertThat(first.stats().sent()).isEqualTo(20 * 3); // 3 probes per hop, 20 rounds
        assertThat(first.stats().received()).isEqualTo(60);
        // bras answers at most 2 ICMP a second with a burst of 2: loss shows at hop 2, not at hop 1
        HopSnapshot bras = s.aggregate().hops().get(1);
        assertThat(bras.stats().received()).isLessThan(bras.stats().sent());
        // the aggregate keeps only the last round's probes: its size does not grow with the run
        assertThat(s.aggregate().probes().size()).isLessThanOrEqualTo(16 * 3);
        assertThat(s.lastRoundMicros() - s.firstRoundMicros()).isBetween(19 * 1_000_000L, 19 * 1_000_000L + 1000L);
    }

    @Test
    void aFocusWindowCountsOnlyTheRoundsInsideIt() throws Exception {
        ContinuousTracer t = tracer(ContinuousSettings.every(INTERVAL).withMaxRounds(20));
        ContinuousSnapshot s = t.run();
        long from = s.firstRoundMicros() + 5 * 1_000_000L - 10;
        long to = s.firstRoundMicros() + 15 * 1_000_000L - 10;
        List<HopSnapshot> window = t.windowHops(from, to);
        assertThat(window.get(0).stats().sent()).isEqualTo(10 * 3);
        List<HopSnapshot> all = t.windowHops(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(all.get(0).stats().sent()).isEqualTo(20 * 3);
        // the window's average lies within the whole run's min..max
        assertThat(window.get(0).stats().avgMs()).isBetween(all.get(0).stats().minMs(), all.get(0).stats().maxMs());
    }

    @Test
    void historyIsBucketedAndMemoryStaysBoundedByTheRing() throws Exception {
        ContinuousTracer t = tracer(ContinuousSettings.every(INTERVAL).withMaxRounds(50).withHistoryRounds(10));
        ContinuousSnapshot s = t.run();
        assertThat(s.rounds()).isEqualTo(50);
        // only the newest 10 rounds are kept for charts and windows, whatever the run length
        assertThat(s.lastRoundMicros() - s.firstRoundMicros()).isBetween(9 * 1_000_000L, 9 * 1_000_000L + 1000L);
        assertThat(t.windowHops(Long.MIN_VALUE, Long.MAX_VALUE).get(0).stats().sent()).isEqualTo(10 * 3);
        // but the all-rounds aggregate still counts all 50
        assertThat(s.aggregate().hops().get(0).stats().sent()).isEqualTo(150);
        List<HopHistory> h = t.history(Long.MIN_VALUE, Long.MAX_VALUE, 5);
        assertThat(h).isNotEmpty();
        assertThat(h.get(0).size()).isEqualTo(5);
        assertThat(h.get(0).avgMs()[0]).isGreaterThan(0f);
        float maxLoss = 0;
        for (float l : h.get(1).lossPercent()) {
            maxLoss = Math.max(maxLoss, l);
        }
        assertThat(maxLoss).isGreaterThan(0f); // the rate-limited hop
    }

    @Test
    void stopEndsARunningTraceAndKeepsItsRounds() throws Exception {
        ContinuousTracer t = tracer(ContinuousSettings.every(INTERVAL));
        t.listener(roundFinished -> {
            if (roundFinished && t.rounds() >= 3) {
                t.stop();
            }
        });
        ContinuousSnapshot s = t.run();
        assertThat(s.running()).isFalse();
        assertThat(s.rounds()).isBetween(3L, 4L);
        assertThat(s.aggregate().hops()).isNotEmpty();
    }
}
