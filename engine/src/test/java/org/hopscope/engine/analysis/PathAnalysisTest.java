package org.hopscope.engine.analysis;

import static org.hopscope.engine.analysis.SimTraces.dump;
import static org.hopscope.engine.analysis.SimTraces.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.probe.ProbeProtocol;
import org.junit.jupiter.api.Test;

/** Findings on the shipped simulated topologies, each at the hop where the thing really is. */
class PathAnalysisTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static Finding only(List<Finding> all, Finding.Kind kind) {
        List<Finding> f = of(all, kind);
        assertEquals(1, f.size(), () -> "one " + kind + " expected in\n" + dump(all));
        return f.get(0);
    }

    @Test
    void carrierGradeNatIsReportedAtItsOwnHopWithUdpAndIcmp() throws Exception {
        for (ProbeProtocol p : new ProbeProtocol[] {ProbeProtocol.UDP, ProbeProtocol.ICMP}) {
            List<Finding> all = PathAnalysis.analyze(SimTraces.trace("nat", "198.18.5.10", b -> b.protocol(p)));
            Finding nat = only(all, Finding.Kind.NAT);
            // cgn (198.18.2.1) is hop 3; the home gateway fixes quotes fully, so Dublin's method cannot see it.
            assertEquals(3, nat.ttl(), dump(all));
            assertEquals(List.of(ip("198.18.2.1")), nat.addresses());
            assertTrue(nat.evidence().contains("NAT ID changed"), nat.evidence());
            assertTrue(of(all, Finding.Kind.BROKEN_NAT).isEmpty(), dump(all));
        }
    }

    @Test
    void natIsFoundByMdaLiteToo() throws Exception {
        List<Finding> all = PathAnalysis.analyze(SimTraces.lite("nat", "198.18.5.10"));
        assertEquals(3, only(all, Finding.Kind.NAT).ttl());
    }

    @Test
    void brokenNatIsReportedAtTheGateway() throws Exception {
        List<Finding> all = PathAnalysis.analyze(SimTraces.trace("nat-broken", "198.18.3.10", b -> b));
        Finding f = only(all, Finding.Kind.BROKEN_NAT);
        assertEquals(1, f.ttl(), dump(all));
        assertEquals(List.of(ip("198.18.0.1")), f.addresses());
        assertTrue(f.evidence().contains("198.18.100.1"), f.evidence());
    }

    @Test
    void zeroTtlForwardingIsNamedAndNotCalledALoopOrAsymmetry() throws Exception {
        for (Algorithm a : new Algorithm[] {Algorithm.CONCURRENT, Algorithm.LITE}) {
            List<Finding> all = PathAnalysis.analyze(SimTraces.trace("zero-ttl", "198.18.5.10", b -> b.algorithm(a)));
            Finding f = only(all, Finding.Kind.ZERO_TTL_FORWARDING);
            assertEquals(3, f.ttl());
            assertEquals(List.of(ip("198.18.3.1")), f.addresses());
            assertTrue(of(all, Finding.Kind.LOOP).isEmpty(), dump(all));
            assertTrue(of(all, Finding.Kind.ASYMMETRIC_RETURN).isEmpty(), dump(all));
        }
    }

    @Test
    void mplsTunnelsExplicitImplicitAndHidden() throws Exception {
        List<Finding> explicit = PathAnalysis.analyze(SimTraces.lite("mpls", "198.18.11.10"));
        Finding e = only(explicit, Finding.Kind.MPLS_TUNNEL);
        assertEquals(4, e.ttl());
        assertEquals(3, e.addresses().size());
        assertTrue(e.evidence().contains("L=24001") && e.evidence().contains("L=24033"), e.evidence());

        List<Finding> implicit = PathAnalysis.analyze(SimTraces.lite("mpls", "198.18.21.10"));
        assertEquals(4, only(implicit, Finding.Kind.IMPLICIT_MPLS_TUNNEL).ttl());
        assertTrue(of(implicit, Finding.Kind.MPLS_TUNNEL).isEmpty());

        List<Finding> opaque = PathAnalysis.analyze(SimTraces.lite("mpls", "198.18.31.10"));
        Finding h = only(opaque, Finding.Kind.HIDDEN_MPLS_TUNNEL);
        assertEquals(4, h.ttl());
        assertTrue(h.text().contains("about 2 routers"), h.text());

        List<Finding> invisible = PathAnalysis.analyze(SimTraces.lite("mpls", "198.18.41.10"));
        assertTrue(invisible.stream().noneMatch(f -> f.kind().name().contains("MPLS")), dump(invisible));
    }

    @Test
    void perPacketBalancersAreClassifiedAtTheirHops() throws Exception {
        List<Finding> all = PathAnalysis.analyze(SimTraces.lite("per-packet", "198.18.7.10"));
        List<Integer> ttls = of(all, Finding.Kind.PER_PACKET_BALANCER).stream().map(Finding::ttl).toList();
        assertEquals(List.of(2, 5), ttls, dump(all));
        assertEquals(2, of(all, Finding.Kind.DIAMOND).size());
    }

    @Test
    void rateLimitedHopIsNotLossAndSilentHopIsNotAFault() throws Exception {
        List<Finding> all = PathAnalysis.analyze(SimTraces.trace("demo", "198.18.90.80", b -> b));
        Finding rl = only(all, Finding.Kind.RATE_LIMITED);
        assertEquals(2, rl.ttl());
        assertEquals(List.of(ip("198.18.10.1")), rl.addresses());
        assertEquals(Finding.Severity.NOTICE, rl.severity());
        assertTrue(of(all, Finding.Kind.PERSISTENT_LOSS).isEmpty(), dump(all));
        Finding silent = only(all, Finding.Kind.MISSING_HOPS);
        assertEquals(9, silent.ttl(), dump(all));
        assertEquals(Finding.Severity.INFO, only(all, Finding.Kind.REACHED).severity());
    }

    @Test
    void aSilentRouterInsideAMultipathTraceIsAHoleNotAFault() throws Exception {
        // demo: the transit router (after the meshed diamond) is silent; branches of two lengths share its TTL.
        List<Finding> all = PathAnalysis.analyze(SimTraces.lite("demo", "198.18.90.80"));
        Finding f = only(all, Finding.Kind.MISSING_HOPS);
        assertEquals(Finding.Severity.NOTICE, f.severity());
        assertTrue(f.text().startsWith("One router between"), f.text());
        assertTrue(of(all, Finding.Kind.PERSISTENT_LOSS).isEmpty(), dump(all));
    }

    @Test
    void findingsAreOrderedByHopAndPrintable() throws Exception {
        List<Finding> all = PathAnalysis.analyze(SimTraces.trace("demo", "198.18.90.80", b -> b));
        for (int i = 1; i < all.size(); i++) {
            int a = all.get(i - 1).ttl() == 0 ? Integer.MAX_VALUE : all.get(i - 1).ttl();
            int b = all.get(i).ttl() == 0 ? Integer.MAX_VALUE : all.get(i).ttl();
            assertTrue(a <= b, dump(all));
        }
        assertTrue(all.get(0).line().startsWith("[notice] hop 2: Hop 2 (198.18.10.1) left 33%"), all.get(0).line());
    }

    @Test
    void classicProbingShowsFalseLinksAndLoopsThatParisNeverShows() throws Exception {
        var classic = SimTraces.trace("unequal-lb", "198.18.7.10",
                b -> b.method(org.hopscope.engine.probe.ProbeMethod.CLASSIC).probesPerHop(8));
        var paris = SimTraces.trace("unequal-lb", "198.18.7.10", b -> b.algorithm(Algorithm.EXHAUSTIVE));
        var topo = org.hopscope.engine.sim.Topology.builtIn("unequal-lb");
        List<Finding> falseLinks = PathAnalysis.falseLinks(classic, paris);
        assertFalse(falseLinks.isEmpty(), "classic probing over an unequal diamond shows false links");
        for (Finding f : falseLinks) {
            assertFalse(topo.isLink(f.addresses().get(0), f.addresses().get(1)), f.line());
        }
        // a1 -> merge is the textbook false link (docs/simulated-network.md).
        InetAddress merge = ip("198.18.5.1");
        assertTrue(falseLinks.stream().anyMatch(f -> f.addresses().get(1).equals(merge)), dump(falseLinks));
        List<Finding> classicFindings = PathAnalysis.analyze(classic);
        assertFalse(of(classicFindings, Finding.Kind.LOOP).isEmpty(), dump(classicFindings));
        assertTrue(of(classicFindings, Finding.Kind.LOOP).stream().allMatch(f -> f.text().contains("classic")));
        List<Finding> parisFindings = PathAnalysis.analyze(paris);
        assertTrue(of(parisFindings, Finding.Kind.LOOP).isEmpty() && of(parisFindings, Finding.Kind.CYCLE).isEmpty(),
                dump(parisFindings));
        assertTrue(PathAnalysis.falseLinks(paris, paris).isEmpty());
    }
}
