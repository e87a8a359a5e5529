package org.hopscope.engine.mda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.analysis.Finding;
import org.hopscope.engine.analysis.PathAnalysis;
import org.hopscope.engine.graph.MultipathTopology;
import org.hopscope.engine.graph.TopologyBuilder;
import org.hopscope.engine.netns.HelperLab;
import org.hopscope.engine.netns.LabTopology;
import org.hopscope.engine.netns.Traces;
import org.hopscope.engine.netns.Truth;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.helper.HelperTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MDA-Lite and MDA on real kernels: the network-namespace lab ({@link LabTopology}: r1 balances per
 * flow over branch A (a1) and branch B (b1, b2), which merge at m; then nat, a silent router, a
 * rate-limited one, a firewall, the target), probed through the privileged helper running as an
 * unprivileged user. Both branches, every link between them, and the hops after them must be found,
 * with no false link; the analysis names the silent hop.
 */
class MdaNetnsTest {
    private static HelperLab lab;
    private static HelperTransport transport;

    @BeforeAll
    static void start() throws Exception {
        lab = HelperLab.start();
        transport = lab.transport();
    }

    @AfterAll
    static void stop() {
        if (transport != null) {
            transport.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"LITE", "EXHAUSTIVE"})
    void findsBothEcmpBranchesTheNatAndTheSilentHop(Algorithm algorithm) throws Exception {
        InetAddress target = LabTopology.TARGET4;
        TraceSettings s = Traces.lab(target).algorithm(algorithm).protocol(ProbeProtocol.UDP)
                .waitTime(Duration.ofSeconds(1)).build();
        TraceSnapshot snap = run(s, target);
        assertThat(snap.status()).as(snap.statusDetail()).isEqualTo(TraceStatus.REACHED);
        MultipathTopology t = TopologyBuilder.build(snap);
        System.out.print(org.hopscope.engine.graph.FlowLists.render(t));

        List<Truth.Hop> a = lab.lab.path(LabTopology.BRANCH_A, false);
        List<Truth.Hop> b = lab.lab.path(LabTopology.BRANCH_B, false);
        // TTL 2: a1 or b1; TTL 3: m (via A) or b2; TTL 4: nat (via A) or m (via B).
        for (int ttl = 1; ttl <= 4; ttl++) {
            int i = ttl - 1;
            Set<InetAddress> want = new java.util.LinkedHashSet<>(List.of(a.get(i).address(), b.get(i).address()));
            assertThat(t.interfacesAt(ttl)).as("TTL " + ttl).containsExactlyInAnyOrderElementsOf(want);
        }
        Set<Truth.Link> truth = Truth.links(List.of(a, b));
        for (MultipathTopology.Link l : t.links()) {
            if (l.fromTtl() > 0) {
                assertThat(truth).as("no false link").contains(new Truth.Link(l.from(), l.to()));
            }
        }
        for (Truth.Link l : truth) {
            boolean found = t.links().stream().anyMatch(k -> k.from().equals(l.from()) && k.to().equals(l.to()));
            boolean silentEnd = a.stream().anyMatch(h -> h.silent() && (h.address().equals(l.from())
                    || h.address().equals(l.to())));
            if (!silentEnd) {
                assertThat(found).as("link " + l).isTrue();
            }
        }
        // The NAT router is on every path, right after the merge point.
        InetAddress nat = a.stream().filter(h -> h.node().equals("nat")).findFirst().orElseThrow().address();
        int natTtlA = a.stream().filter(h -> h.node().equals("nat")).findFirst().orElseThrow().ttl();
        assertThat(t.interfacesAt(natTtlA)).contains(nat);

        List<Finding> findings = PathAnalysis.analyze(snap, t);
        System.out.println(algorithm + " " + snap.probesSent() + " probes; findings:");
        findings.forEach(f -> System.out.println("  " + f.line()));
        // One diamond (r1 to m): holes left by the silent and the rate-limited routers are not branches.
        assertThat(findings.stream().filter(f -> f.kind() == Finding.Kind.DIAMOND).map(Finding::ttl))
                .containsExactly(1);
        // The silent router is a hole in the path, not a fault.
        assertThat(findings).anyMatch(f -> f.kind() == Finding.Kind.MISSING_HOPS);
        assertThat(findings).noneMatch(f -> f.kind() == Finding.Kind.LOOP || f.kind() == Finding.Kind.CYCLE
                || f.kind() == Finding.Kind.PER_PACKET_BALANCER);
        // Linux NAT fixes the quoted packet completely (addresses, ports, checksums: RFC 5508 §4.2), so
        // Dublin's checksum signal stays silent; if it ever speaks, it must name the NAT router.
        findings.stream().filter(f -> f.kind() == Finding.Kind.NAT)
                .forEach(f -> assertThat(f.addresses()).containsExactly(nat));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"LITE", "EXHAUSTIVE"})
    void findsBothBranchesOverIpv6(Algorithm algorithm) throws Exception {
        InetAddress target = LabTopology.TARGET6;
        TraceSettings s = Traces.lab(target).algorithm(algorithm).protocol(ProbeProtocol.UDP)
                .waitTime(Duration.ofSeconds(1)).build();
        TraceSnapshot snap = run(s, target);
        assertThat(snap.status()).as(snap.statusDetail()).isEqualTo(TraceStatus.REACHED);
        MultipathTopology t = TopologyBuilder.build(snap);
        System.out.print(org.hopscope.engine.graph.FlowLists.render(t));
        List<Truth.Hop> a = lab.lab.path(LabTopology.BRANCH_A, true);
        List<Truth.Hop> b = lab.lab.path(LabTopology.BRANCH_B, true);
        assertThat(t.interfacesAt(2)).containsExactlyInAnyOrder(a.get(1).address(), b.get(1).address());
        Set<Truth.Link> truth = Truth.links(List.of(a, b));
        for (Truth.Link l : truth) {
            assertThat(t.links().stream().anyMatch(k -> k.from().equals(l.from()) && k.to().equals(l.to())))
                    .as("link " + l).isTrue();
        }
        for (MultipathTopology.Link l : t.links()) {
            if (l.fromTtl() > 0) {
                assertThat(truth).as("no false link").contains(new Truth.Link(l.from(), l.to()));
            }
        }
    }

    private static TraceSnapshot run(TraceSettings s, InetAddress target) throws Exception {
        MultipathTracer tracer = new MultipathTracer(s, MdaSettings.nodeConfidence(0.99).withMaxInFlight(16),
                transport, target);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        try {
            watchdog.schedule(tracer::stop, Traces.LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            return tracer.run();
        } finally {
            watchdog.shutdownNow();
        }
    }
}
