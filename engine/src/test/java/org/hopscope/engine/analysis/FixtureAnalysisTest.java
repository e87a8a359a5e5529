package org.hopscope.engine.analysis;

import static org.hopscope.engine.analysis.SimTraces.dump;
import static org.hopscope.engine.analysis.SimTraces.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hopscope.engine.format.TraceFixtures;
import org.junit.jupiter.api.Test;

/**
 * Findings from the format tests' rich fixture, for what the simulated network does not produce:
 * RFC 5837 interface information, a label stack on a hop that also quotes TTL 0, a silent hop
 * before the destination.
 */
class FixtureAnalysisTest {

    @Test
    void rfc5837NameAndMtuAreReported() {
        List<Finding> all = PathAnalysis.analyze(TraceFixtures.rich());
        List<Finding> info = of(all, Finding.Kind.INTERFACE_INFO);
        assertEquals(1, info.size(), dump(all));
        Finding f = info.get(0);
        assertEquals(3, f.ttl());
        assertTrue(f.text().contains("incoming 'ge-0/0/1' 198.51.100.5 ifIndex 7 MTU 1500"), f.text());
        assertEquals("198.51.100.5", f.addresses().get(0).getHostAddress());
    }

    @Test
    void quotedTtlZeroLabelsAndASilentHopEachHaveTheirFinding() {
        List<Finding> all = PathAnalysis.analyze(TraceFixtures.rich());
        assertEquals(3, of(all, Finding.Kind.ZERO_TTL_FORWARDING).get(0).ttl(), dump(all));
        Finding mpls = of(all, Finding.Kind.MPLS_TUNNEL).get(0);
        assertTrue(mpls.evidence().contains("L=27121") && mpls.evidence().contains("L=2,"), mpls.evidence());
        assertEquals(2, of(all, Finding.Kind.MISSING_HOPS).get(0).ttl(), dump(all));
        // The destination's reply TTL 60 means 5 hops back (initial 64) for 4 forward: asymmetric.
        assertTrue(of(all, Finding.Kind.ASYMMETRIC_RETURN).get(0).evidence().contains("reply TTL 60 = 5 hops back"),
                dump(all));
    }
}
