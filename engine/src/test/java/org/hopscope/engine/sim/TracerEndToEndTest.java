package org.hopscope.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.LinkSnapshot;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's {@link Tracer} over the simulated network, checked against the topology's ground truth. */
class TracerEndToEndTest {
    static final String DST4 = "198.18.7.10";
    static final String DST6 = "2001:db8:7::10";

    record Run(TraceSnapshot snapshot, Map<Long, byte[]> packets, Topology topology) {
        List<InetAddress> truth(ProbeRecord p) {
            return topology.truePath(packets.get(p.sequence()));
        }
    }

    static Run trace(Topology topo, TraceSettings settings) throws Exception {
        SimTestSupport.Recording rec = new SimTestSupport.Recording(
                new SimulatedTransport(topo, SimulatedTransport.Clock.VIRTUAL));
        Tracer tracer = new Tracer(settings, rec, InetAddress.getByName(settings.target()));
        return new Run(tracer.run(), rec.sent, topo);
    }

    static TraceSettings.Builder settings(String target, ProbeProtocol protocol, ProbeMethod method) {
        return TraceSettings.builder(target).protocol(protocol).method(method);
    }

    /** (a) Paris gives exactly the true path of its flow at every TTL. */
    static void assertParisFollowsItsFlow(Run run) {
        TraceSnapshot s = run.snapshot();
        assertThat(s.status()).isEqualTo(TraceStatus.REACHED);
        List<ProbeRecord> answered = s.probes().stream().filter(ProbeRecord::isAnswered).toList();
        assertThat(answered).isNotEmpty();
        List<InetAddress> truth = run.truth(answered.get(0));
        for (ProbeRecord p : s.probes()) {
            assertThat(run.truth(p)).as("every Paris probe of the trace is in one flow").isEqualTo(truth);
        }
        assertThat(truth).doesNotContainNull();
        for (int ttl = 1; ttl <= truth.size(); ttl++) {
            HopSnapshot hop = s.hop(ttl).orElseThrow();
            assertThat(hop.interfaces()).as("TTL %d", ttl).extracting(InterfaceSnapshot::address)
                    .containsExactly(truth.get(ttl - 1));
            assertThat(hop.stats().received()).as("every probe answered at TTL %d", ttl)
                    .isEqualTo(hop.stats().sent());
        }
        assertThat(s.hops()).as("nothing shown past the destination").hasSize(truth.size());
        assertThat(s.hops().get(truth.size() - 1).reachedDestination()).isTrue();
        for (ProbeRecord p : answered) {
            assertThat(p.reply().from()).as("probes past the destination reach it too")
                    .isEqualTo(truth.get(Math.min(p.ttl().value(), truth.size()) - 1));
        }
        for (LinkSnapshot l : s.links()) {
            assertThat(run.topology().isLink(l.from(), l.to())).as("link %s", l).isTrue();
            assertThat(l.from()).isEqualTo(truth.get(l.fromTtl().value() - 1));
        }
    }

    @ParameterizedTest
    @EnumSource(ProbeProtocol.class)
    void parisFollowsTheTruePathOfItsFlowOverUnequalBranches(ProbeProtocol protocol) throws Exception {
        Set<InetAddress> secondHops = new java.util.HashSet<>();
        Topology base = Topology.builtIn("unequal-lb");
        for (long seed = 1; seed <= 12; seed++) {
            for (int sport : new int[] {33456, 40001}) {
                Run run = trace(base.withSeed(seed), settings(DST4, protocol, ProbeMethod.PARIS).sourcePort(sport).build());
                assertParisFollowsItsFlow(run);
                secondHops.add(run.snapshot().hop(4).orElseThrow().interfaces().get(0).address());
            }
        }
        assertThat(secondHops).as("the flows tried cover both branches")
                .containsExactlyInAnyOrder(SimTestSupport.ip("198.18.3.1"), SimTestSupport.ip("198.18.4.1"));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"HOPBYHOP", "PACKETBYPACKET", "CONCURRENT", "SCOUT"})
    void parisIsRightWithEveryAlgorithmAndOverIpv6(Algorithm algorithm) throws Exception {
        Topology base = Topology.builtIn("unequal-lb");
        for (long seed = 1; seed <= 4; seed++) {
            for (String dst : new String[] {DST4, DST6}) {
                assertParisFollowsItsFlow(trace(base.withSeed(seed),
                        settings(dst, ProbeProtocol.UDP, ProbeMethod.PARIS).algorithm(algorithm).build()));
            }
        }
    }

    /** Links in the snapshot that no wire joins, and same-address consecutive TTLs in one column. */
    record Anomalies(List<LinkSnapshot> falseLinks, List<String> loops) {
        int count() {
            return falseLinks.size() + loops.size();
        }
    }

    static Anomalies anomalies(Run run) {
        List<LinkSnapshot> falseLinks = run.snapshot().links().stream()
                .filter(l -> !run.topology().isLink(l.from(), l.to())).toList();
        Map<Integer, TreeMap<Integer, InetAddress>> columns = new HashMap<>();
        for (ProbeRecord p : run.snapshot().probes()) {
            if (p.isAnswered() && !p.reply().fromDestination()) { // past the destination, it answers every TTL
                columns.computeIfAbsent(p.column(), c -> new TreeMap<>()).put(p.ttl().value(), p.reply().from());
            }
        }
        List<String> loops = new ArrayList<>();
        columns.forEach((col, byTtl) -> byTtl.forEach((ttl, a) -> {
            if (a.equals(byTtl.get(ttl + 1))) {
                loops.add("column " + col + ": " + a.getHostAddress() + " at TTL " + ttl + " and " + (ttl + 1));
            }
        }));
        return new Anomalies(falseLinks, loops);
    }

    @Test
    void classicUdpShowsFalseLinksOrLoopsThatParisDoesNot() throws Exception {
        Topology topo = Topology.builtIn("unequal-lb");
        Run classic = trace(topo, settings(DST4, ProbeProtocol.UDP, ProbeMethod.CLASSIC).build());
        Anomalies a = anomalies(classic);
        assertThat(a.count()).as("classic traceroute over unequal branches: %s", a).isPositive();
        // The simulator tells the truth probe by probe: each classic probe is its own flow.
        for (ProbeRecord p : classic.snapshot().probes()) {
            if (p.isAnswered()) {
                List<InetAddress> truth = classic.truth(p);
                assertThat(p.reply().from()).isEqualTo(truth.get(Math.min(p.ttl().value(), truth.size()) - 1));
            }
        }
        assertThat(anomalies(trace(topo, settings(DST4, ProbeProtocol.UDP, ProbeMethod.PARIS).build())).count())
                .isZero();

        int seedsWithAnomalies = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Run run = trace(topo.withSeed(seed), settings(DST4, ProbeProtocol.UDP, ProbeMethod.CLASSIC).build());
            seedsWithAnomalies += anomalies(run).count() > 0 ? 1 : 0;
            assertThat(anomalies(trace(topo.withSeed(seed), settings(DST4, ProbeProtocol.UDP, ProbeMethod.PARIS)
                    .build())).count()).isZero();
        }
        assertThat(seedsWithAnomalies).as("false links or loops in every classic run").isEqualTo(20);
    }

    @Test
    void classicIcmpScattersOverABalancerThatHashesTheIcmpChecksum() throws Exception {
        Run classic = trace(Topology.builtIn("unequal-lb"),
                settings(DST4, ProbeProtocol.ICMP, ProbeMethod.CLASSIC).probesPerHop(6).build());
        Set<InetAddress> atTtl4 = classic.snapshot().hop(4).orElseThrow().interfaces().stream()
                .map(InterfaceSnapshot::address).collect(Collectors.toSet());
        assertThat(atTtl4).hasSize(2);
    }

    @Test
    void natAndMplsTopologiesTraceToTheirTruePaths() throws Exception {
        for (String name : new String[] {"nat", "nat-broken", "mpls", "zero-ttl"}) {
            Topology topo = Topology.builtIn(name);
            for (Node host : topo.nodes()) {
                if (host.kind() != Node.Kind.HOST) {
                    continue;
                }
                for (ProbeProtocol protocol : ProbeProtocol.values()) {
                    Run run = trace(topo, settings(host.ipv4().getHostAddress(), protocol, ProbeMethod.PARIS).build());
                    TraceSnapshot s = run.snapshot();
                    assertThat(s.status()).as("%s %s %s", name, host.name(), protocol).isEqualTo(TraceStatus.REACHED);
                    List<InetAddress> truth = run.truth(s.probes().get(0));
                    for (int ttl = 1; ttl <= truth.size(); ttl++) {
                        assertThat(s.hop(ttl).orElseThrow().interfaces()).extracting(InterfaceSnapshot::address)
                                .as("%s %s %s TTL %d", name, host.name(), protocol, ttl)
                                .containsExactly(truth.get(ttl - 1));
                    }
                }
            }
        }
    }

    @Test
    void zeroTtlForwardingShowsAsQuotedTtlZero() throws Exception {
        Run run = trace(Topology.builtIn("zero-ttl"), settings("198.18.5.10", ProbeProtocol.UDP, ProbeMethod.PARIS)
                .build());
        InterfaceSnapshot core3 = run.snapshot().hop(3).orElseThrow().interfaces().get(0);
        InterfaceSnapshot core4 = run.snapshot().hop(4).orElseThrow().interfaces().get(0);
        assertThat(core3.address()).isEqualTo(core4.address());
        assertThat(core3.quotedTtls()).containsExactly(0);
        assertThat(core4.quotedTtls()).containsExactly(1);
    }

    @Test
    void mplsLabelsReachTheSnapshot() throws Exception {
        Run run = trace(Topology.builtIn("mpls"), settings("198.18.11.10", ProbeProtocol.ICMP, ProbeMethod.PARIS)
                .build());
        InterfaceSnapshot lsr = run.snapshot().hop(5).orElseThrow().interfaces().get(0);
        assertThat(lsr.mplsStacks()).hasSize(1);
        assertThat(lsr.mplsStacks().get(0).get(0).label()).isEqualTo(24017);
        assertThat(lsr.quotedTtls()).containsExactly(2);
    }

    @Test
    void demoShowsItsFeatures() throws Exception {
        Topology demo = Topology.builtIn("demo");
        for (String dst : new String[] {"198.18.90.80", "2001:db8:90::80"}) {
            Run run = trace(demo, settings(dst, ProbeProtocol.UDP, ProbeMethod.PARIS).build());
            TraceSnapshot s = run.snapshot();
            assertThat(s.status()).isEqualTo(TraceStatus.REACHED);
            assertThat(s.hop(2).orElseThrow().stats().received()).as("rate-limited access router: burst 2 of 3")
                    .isEqualTo(2);
            List<InetAddress> truth = run.truth(s.probes().get(0));
            assertThat(truth).containsNull(); // the silent transit router
            assertThat(truth.size()).isBetween(9, 11);
            for (int ttl = 1; ttl <= truth.size(); ttl++) {
                List<InetAddress> seen = s.hop(ttl).orElseThrow().interfaces().stream()
                        .map(InterfaceSnapshot::address).toList();
                assertThat(seen).as("%s TTL %d", dst, ttl)
                        .isEqualTo(truth.get(ttl - 1) == null ? List.of() : List.of(truth.get(ttl - 1)));
            }
        }
    }

    /**
     * Concurrent probing with the adaptive wait ends about one path round trip after the start, not
     * after TTLs x wait time. Measured on the virtual clock, which is deterministic (wall-clock figures
     * are the benchmark's job: bench/sim-trace-bench.sh).
     */
    @Test
    void concurrentTraceEndsAboutOnePathRoundTripAfterItsStart() throws Exception {
        Topology bench = Topology.builtIn("bench-15hop");
        SimulatedTransport t = new SimulatedTransport(bench, SimulatedTransport.Clock.VIRTUAL);
        long start = t.nanoTime();
        TraceSettings settings = settings("198.18.15.10", ProbeProtocol.UDP, ProbeMethod.PARIS).maxTtl(20).build();
        TraceSnapshot s = new Tracer(settings, t, InetAddress.getByName("198.18.15.10")).run();
        long took = t.nanoTime() - start;
        assertThat(s.status()).isEqualTo(TraceStatus.REACHED);
        assertThat(s.hops()).hasSize(15);
        for (HopSnapshot h : s.hops()) {
            assertThat(h.stats().minMs()).as("TTL %s", h.ttl()).isCloseTo(40.0 * h.ttl().value(),
                    org.assertj.core.data.Offset.offset(0.01));
        }
        long pathRtt = 600_000_000L;
        assertThat(took).as("virtual duration, path RTT 600 ms, wait time %s", settings.waitTime())
                .isBetween(pathRtt, pathRtt * 3 / 2 + settings.grace().toNanos());
    }

    @Test
    void aThousandSeededTracesAllReachTheirDestinationOnVirtualTime() throws Exception {
        Topology topo = Topology.builtIn("unequal-lb");
        int reached = 0;
        for (int i = 0; i < 1000; i++) {
            SimulatedTransport t = new SimulatedTransport(topo.withSeed(i), SimulatedTransport.Clock.VIRTUAL);
            TraceSnapshot s = new Tracer(settings(DST4, ProbeProtocol.UDP, ProbeMethod.PARIS).sourcePort(20000 + i)
                    .waitTime(Duration.ofSeconds(2)).build(), t, InetAddress.getByName(DST4)).run();
            reached += s.status() == TraceStatus.REACHED ? 1 : 0;
            assertThat(t.nanoTime()).as("virtual time, not wall time").isLessThan(1_000_000_000L);
        }
        assertThat(reached).isEqualTo(1000);
    }

    @Test
    void lateAnswersToProbesGivenUpBeyondTheDestinationAreNotCountedAsForeign() throws Exception {
        // On the real-time clock the trace ends as soon as the destination has answered; the echo
        // replies to the probes beyond it arrive after the engine gave them up. They are about our own
        // probes, so "unmatched replies" stays 0 (it counted them before).
        SimulatedTransport t = new SimulatedTransport(Topology.builtIn("unequal-lb"), SimulatedTransport.Clock.REAL);
        TraceSettings settings = settings(DST4, ProbeProtocol.ICMP, ProbeMethod.PARIS)
                .algorithm(Algorithm.CONCURRENT).maxTtl(30).build();
        TraceSnapshot first = new Tracer(settings, t, InetAddress.getByName(DST4)).run();
        TraceSnapshot second = new Tracer(settings, t, InetAddress.getByName(DST4)).run();
        assertThat(first.status()).isEqualTo(TraceStatus.REACHED);
        // Whether probes end abandoned (and their answers come late) depends on timing; when they do,
        // their answers must not be counted as foreign (46 were, before).
        assertThat(first.unmatchedReplies()).isZero();
        assertThat(second.status()).isEqualTo(TraceStatus.REACHED);
    }
}
