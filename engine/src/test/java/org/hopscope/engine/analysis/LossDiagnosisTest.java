package org.hopscope.engine.analysis;

import static org.hopscope.engine.analysis.SimTraces.dump;
import static org.hopscope.engine.analysis.SimTraces.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.sim.Topology;
import org.junit.jupiter.api.Test;

/** Loss against end-to-end loss, filters against unreachables (seeds 003, 004). */
class LossDiagnosisTest {

    /** me - gw - r2 [r2opts] - r3 [r3opts] - r4 - dst [dstopts]. */
    private static Topology line(String r2, String r3, String dst) throws Exception {
        return Topology.parse("""
                name loss-line
                seed 3
                source me 198.18.0.2 2001:db8::2
                router gw 198.18.0.1 2001:db8::1
                router r2 198.18.1.1 2001:db8:1::1 %s
                router r3 198.18.2.1 2001:db8:2::1 %s
                router r4 198.18.3.1 2001:db8:3::1
                host dst 198.18.4.10 2001:db8:4::10 tcp=80 %s
                link me gw 1ms
                link gw r2 1ms
                link r2 r3 1ms
                link r3 r4 1ms
                link r4 dst 1ms
                """.formatted(r2, r3, dst), "loss-line");
    }

    @Test
    void lossThatPersistsIsFlaggedWhereItStartsAndUpstreamRateLimitingIsNot() throws Exception {
        List<Finding> all = PathAnalysis.analyze(SimTraces.trace(line("rate=1/s burst=4", "loss=0.3", ""),
                "198.18.4.10", b -> b.probesPerHop(40)));
        Finding loss = of(all, Finding.Kind.PERSISTENT_LOSS).get(0);
        assertEquals(3, loss.ttl(), dump(all));
        assertEquals(Finding.Severity.PROBLEM, loss.severity());
        assertEquals(1, of(all, Finding.Kind.PERSISTENT_LOSS).size());
        assertEquals(List.of(2), of(all, Finding.Kind.RATE_LIMITED).stream().map(Finding::ttl).toList(), dump(all));
    }

    @Test
    void noLossAtTheEndMeansEveryHopLossIsRateLimiting() throws Exception {
        List<Finding> all = PathAnalysis.analyze(SimTraces.trace(line("rate=1/s burst=4", "rate=1/s burst=10", ""),
                "198.18.4.10", b -> b.probesPerHop(20)));
        assertEquals(List.of(2, 3), of(all, Finding.Kind.RATE_LIMITED).stream().map(Finding::ttl).toList(), dump(all));
        assertTrue(of(all, Finding.Kind.PERSISTENT_LOSS).isEmpty(), dump(all));
        assertEquals(1, of(all, Finding.Kind.REACHED).size());
    }

    @Test
    void aFirewallDroppingTheProtocolIsToldApartFromAnUnreachable() throws Exception {
        Topology fw = line("", "", "drop=udp");
        List<Finding> udp = PathAnalysis.analyze(SimTraces.trace(fw, "198.18.4.10", b -> b.maxMissingHops(3)));
        Finding f = of(udp, Finding.Kind.FILTERED).get(0);
        assertEquals(5, f.ttl(), dump(udp));
        assertEquals(Finding.Severity.WARNING, f.severity());
        assertTrue(f.text().contains("UDP"), f.text());
        assertTrue(of(udp, Finding.Kind.UNREACHABLE).isEmpty());
        assertTrue(of(udp, Finding.Kind.PERSISTENT_LOSS).isEmpty(), dump(udp));
        // The same destination over TCP 80 answers: the verdict was about the protocol.
        List<Finding> tcp = PathAnalysis.analyze(SimTraces.trace(fw, "198.18.4.10",
                b -> b.protocol(ProbeProtocol.TCP).destinationPort(80)));
        assertEquals(1, of(tcp, Finding.Kind.REACHED).size(), dump(tcp));
        // MDA-Lite judges reachability the same way.
        List<Finding> lite = PathAnalysis.analyze(SimTraces.trace(fw, "198.18.4.10", b -> b.algorithm(Algorithm.LITE)));
        assertEquals(1, of(lite, Finding.Kind.FILTERED).size(), dump(lite));

        List<Finding> unreach = PathAnalysis.analyze(SimTraces.trace(line("", "unreachable=host", ""),
                "198.18.4.10", b -> b));
        Finding u = of(unreach, Finding.Kind.UNREACHABLE).get(0);
        assertEquals(3, u.ttl(), dump(unreach));
        assertEquals(Finding.Severity.PROBLEM, u.severity());
        assertTrue(u.text().contains("!H"), u.text());
        assertTrue(of(unreach, Finding.Kind.FILTERED).isEmpty(), dump(unreach));
    }
}
