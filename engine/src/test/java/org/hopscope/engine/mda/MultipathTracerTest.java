package org.hopscope.engine.mda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.graph.Balancer;
import org.hopscope.engine.graph.DotWriter;
import org.hopscope.engine.graph.MultipathTopology;
import org.hopscope.engine.graph.TopologyBuilder;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.sim.SimulatedTransport;
import org.hopscope.engine.sim.Topology;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * MDA and MDA-Lite against the ground truth of the simulated network: every protocol, IPv6 with the
 * flow label as the only hashed field, per-flow vs per-packet classification, unresponsive flows.
 * At 99% per node, so a seed that misses something is rare; the seeds are fixed, the results
 * deterministic.
 */
class MultipathTracerTest {
    private static final MdaSettings P99 = MdaSettings.nodeConfidence(0.99);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"UDP, lite", "ICMP, lite", "TCP, lite", "UDP, exhaustive", "ICMP, exhaustive", "TCP, exhaustive"})
    void everyProtocolFindsTheWholeNestedDiamond(ProbeProtocol protocol, String algorithm) throws Exception {
        Topology t = Topology.parse(TopologyGenerator.nested(2, 3), "nested").withSeed(11);
        Validation.Outcome o = Validation.once(t, TopologyGenerator.DESTINATION, Algorithm.parse(algorithm), P99,
                protocol);
        assertThat(o.missing()).isEmpty();
        assertThat(o.falseLinks()).isEmpty();
        assertThat(o.snapshot().status()).isEqualTo(TraceStatus.REACHED);
        assertThat(o.topology().interfacesAt(3)).hasSize(2);
        assertThat(o.topology().interfacesAt(4)).hasSize(6);
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"EXHAUSTIVE", "LITE"})
    void ipv6FlowLabelAloneSpreadsTheFlows(Algorithm algorithm) throws Exception {
        // Balancers hashing only addresses and the flow label: ports cannot move a flow, the label must.
        String text = TopologyGenerator.single(4).replace(TopologyGenerator.HASH, "hash=src,dst,flowlabel");
        Topology t = Topology.parse(text, "flowlabel").withSeed(3);
        Validation.Outcome o = Validation.once(t, TopologyGenerator.DESTINATION6, algorithm, P99, ProbeProtocol.UDP);
        assertThat(o.missing()).isEmpty();
        assertThat(o.topology().interfacesAt(3)).hasSize(4);
        // One label per flow, a different one for every flow.
        java.util.Map<Integer, java.util.Set<Integer>> labels = new java.util.HashMap<>();
        o.snapshot().probes().forEach(p -> labels.computeIfAbsent(p.flowId().value(), k -> new java.util.HashSet<>())
                .add(p.sent().flowLabel()));
        assertThat(labels.values()).allMatch(l -> l.size() == 1);
        assertThat(labels.values().stream().map(l -> l.iterator().next()).distinct().count())
                .isEqualTo(labels.size()).isGreaterThanOrEqualTo(P99.n(4));
    }

    @Test
    void perFlowAndPerPacketBalancersAreToldApart() throws Exception {
        MultipathTopology pp = topology(Topology.builtIn("per-packet"), "198.18.7.10", Algorithm.LITE);
        assertThat(pp.balancers()).extracting(Balancer::kind).containsOnly(Balancer.Kind.PER_PACKET);
        assertThat(pp.balancers()).extracting(Balancer::ttl).containsExactly(2, 5);
        MultipathTopology pf = topology(Topology.builtIn("unequal-lb"), "198.18.7.10", Algorithm.EXHAUSTIVE);
        assertThat(pf.balancers()).hasSize(1);
        assertThat(pf.balancers().get(0).kind()).isEqualTo(Balancer.Kind.PER_FLOW);
        assertThat(pf.balancers().get(0).address()).isEqualTo(InetAddress.getByName("198.18.2.1"));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"EXHAUSTIVE", "LITE"})
    void unresponsiveFlowsThroughASilentBranchStillReachTheDestination(Algorithm algorithm) throws Exception {
        // r4 (first branch of the balancer r2) never answers: flows through it are unresponsive at TTL 3.
        String text = TopologyGenerator.single(2);
        String silent = text.replaceFirst("(router r4 [^\\n]*)", "$1 silent");
        Topology t = Topology.parse(silent, "silent-branch").withSeed(5);
        TraceSnapshot s = run(t, TopologyGenerator.DESTINATION, algorithm);
        MultipathTopology m = TopologyBuilder.build(s);
        assertThat(s.status()).isEqualTo(TraceStatus.REACHED);
        assertThat(m.interfacesAt(3)).hasSize(1);
        assertThat(s.hop(3).orElseThrow().stats().received()).isLessThan(s.hop(3).orElseThrow().stats().sent());
        // Beyond the silent branch the diamond closes: the merge point and everything after it are found.
        assertThat(m.interfacesAt(4)).hasSize(1);
        assertThat(m.interfacesAt(5)).hasSize(1);
        String dot = new DotWriter().write(m);
        assertThat(dot.lines().filter(l -> l.contains(" -> ")).count()).isEqualTo(m.edges().size()
                + m.unverifiedEdges().size());
    }

    @Test
    void liteSpendsFewerProbesThanExhaustiveOnAWideBalancer() throws Exception {
        Topology t = Topology.parse(TopologyGenerator.single(16), "single-16").withSeed(1);
        MdaRun mda = Validation.once(t, TopologyGenerator.DESTINATION, Algorithm.EXHAUSTIVE, MdaSettings.defaults(),
                ProbeProtocol.UDP).run();
        MdaRun lite = Validation.once(t, TopologyGenerator.DESTINATION, Algorithm.LITE, MdaSettings.defaults(),
                ProbeProtocol.UDP).run();
        assertThat(lite.probesSent()).isLessThan(mda.probesSent() * 6 / 10);
    }

    private static TraceSnapshot run(Topology t, String dst, Algorithm algorithm) throws Exception {
        TraceSettings settings = TraceSettings.builder(dst).algorithm(algorithm).build();
        return new MultipathTracer(settings, P99, new SimulatedTransport(t, SimulatedTransport.Clock.VIRTUAL),
                InetAddress.getByName(dst)).run();
    }

    private static MultipathTopology topology(Topology t, String dst, Algorithm algorithm) throws Exception {
        return TopologyBuilder.build(run(t, dst, algorithm));
    }
}
