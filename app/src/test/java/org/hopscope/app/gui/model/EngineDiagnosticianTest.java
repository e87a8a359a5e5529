package org.hopscope.app.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.hopscope.app.gui.run.DemoNetworkSource;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.analysis.Finding;
import org.hopscope.engine.analysis.PathAnalysis;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.ProbeTransport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The diagnosis panel's verdicts are the engine's findings: one per finding, same sentence and
 * evidence, severity mapped, linked to the finding's hop and the hops its addresses answer at.
 * A real Paris trace of the simulated demo network (no mocks: the engine's tracer and analysis run).
 */
class EngineDiagnosticianTest {
    private static TraceSnapshot demo;

    @BeforeAll
    static void trace() throws Exception {
        DemoNetworkSource source = new DemoNetworkSource();
        TraceSettings settings = TraceSettings.builder(DemoNetworkSource.TARGET).probesPerHop(3)
                .waitTime(Duration.ofMillis(300)).build();
        try (ProbeTransport t = source.open()) {
            demo = new Tracer(settings, t, source.resolve(DemoNetworkSource.TARGET)).run();
        }
    }

    @Test
    void everyEngineFindingBecomesOneVerdictWithItsSentenceEvidenceAndHops() {
        List<Finding> findings = PathAnalysis.analyze(demo);
        assertThat(findings).isNotEmpty();
        HopAnomalies anomalies = HopAnomalies.of(demo);
        List<Verdict> verdicts = new EngineDiagnostician().diagnose(demo, anomalies, LatencyThresholds.DEFAULT);
        List<Verdict> fromEngine = verdicts.stream().filter(v -> v.kind() != null).toList();
        assertThat(fromEngine).hasSameSizeAs(findings);
        for (Finding f : findings) {
            Verdict v = fromEngine.stream().filter(x -> x.explanation().equals(f.text())).findFirst().orElseThrow();
            assertThat(v.kind()).isEqualTo(f.kind());
            assertThat(v.evidence()).isEqualTo(f.evidence());
            assertThat(v.addresses()).isEqualTo(f.addresses());
            assertThat(v.severity()).isEqualTo(EngineDiagnostician.severity(f));
            if (f.ttl() > 0) {
                assertThat(v.firstHop()).as(f.line()).isEqualTo(f.ttl());
                assertThat(v.title()).endsWith("at hop " + f.ttl());
            }
            f.addresses().forEach(a -> assertThat(v.hops()).containsAll(anomalies.ttlsOf(a)));
        }
        assertThat(verdicts).extracting(Verdict::severity).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void severitiesMapSoHarmlessOddsAreNotWarningsAndReachedIsOk() {
        java.net.InetAddress a = java.net.InetAddress.getLoopbackAddress();
        assertThat(EngineDiagnostician.severity(new Finding(Finding.Kind.REACHED, Finding.Severity.INFO, 9,
                List.of(a), "t", "e"))).isEqualTo(Verdict.Severity.OK);
        assertThat(EngineDiagnostician.severity(new Finding(Finding.Kind.RATE_LIMITED, Finding.Severity.NOTICE, 2,
                List.of(a), "t", "e"))).isEqualTo(Verdict.Severity.INFO);
        assertThat(EngineDiagnostician.severity(new Finding(Finding.Kind.FILTERED, Finding.Severity.WARNING, 2,
                List.of(a), "t", "e"))).isEqualTo(Verdict.Severity.WARNING);
        assertThat(EngineDiagnostician.severity(new Finding(Finding.Kind.PERSISTENT_LOSS, Finding.Severity.PROBLEM,
                2, List.of(a), "t", "e"))).isEqualTo(Verdict.Severity.PROBLEM);
        for (Finding.Kind k : Finding.Kind.values()) {
            assertThat(EngineDiagnostician.title(k)).isNotBlank();
        }
    }

    @Test
    void latencyOverTheUsersThresholdsIsTheGuisOwnVerdictAndComesFirst() {
        // the demo destination answers in about 60 ms: thresholds of 10/20 ms make it critical
        List<Verdict> verdicts = new EngineDiagnostician().diagnose(demo, HopAnomalies.of(demo),
                new LatencyThresholds(10, 20));
        assertThat(verdicts.get(0).title()).startsWith("High latency to the destination");
        assertThat(verdicts.get(0).severity()).isEqualTo(Verdict.Severity.PROBLEM);
        assertThat(verdicts.get(0).kind()).isNull();
        assertThat(verdicts.get(0).firstHop()).isPositive();
        assertThat(new EngineDiagnostician().diagnose(demo, HopAnomalies.of(demo), LatencyThresholds.DEFAULT))
                .noneMatch(v -> v.title().startsWith("High latency"));
    }
}
