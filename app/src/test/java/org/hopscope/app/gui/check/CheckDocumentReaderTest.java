package org.hopscope.app.gui.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hopscope.engine.check.CheckReport;
import org.hopscope.engine.check.CheckReportWriter;
import org.hopscope.engine.check.CheckSettings;
import org.hopscope.engine.check.CheckTarget;
import org.hopscope.engine.check.PrivacyMask;
import org.hopscope.engine.check.SegmentKind;
import org.hopscope.engine.check.SimulatedCheck;
import org.hopscope.engine.sim.Topology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GUI reads back what the engine writes, and says clearly what is wrong with a bad file. */
class CheckDocumentReaderTest {
    private static CheckReport report;

    @BeforeAll
    static void check() throws Exception {
        report = SimulatedCheck.create(CheckSettings.defaults().withBudget(Duration.ofSeconds(2)),
                Topology.builtIn("demo")).run(List.of(CheckTarget.parse("www"), CheckTarget.parse("www:8080")));
    }

    @Test
    void readsBackTheEnginesReport(@TempDir Path tmp) throws Exception {
        String json = new CheckReportWriter(PrivacyMask.OFF).json(report);
        Path file = tmp.resolve("r.json");
        Files.writeString(file, json);
        assertThat(CheckDocumentReader.looksLikeCheckReport(file)).isTrue();
        CheckDocument d = CheckDocumentReader.read(file);
        assertThat(d.status()).isEqualTo(report.status().name().toLowerCase());
        assertThat(d.targets()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            var t = report.targets().get(i);
            var dt = d.targets().get(i);
            assertThat(dt.target()).isEqualTo(t.target().toString());
            assertThat(dt.verdicts()).hasSize(SegmentKind.values().length);
            for (int k = 0; k < dt.verdicts().size(); k++) {
                assertThat(dt.verdicts().get(k).reason()).isEqualTo(t.verdicts().get(k).reason().name().toLowerCase());
                assertThat(dt.verdicts().get(k).ttls()).isEqualTo(t.verdicts().get(k).ttls());
                assertThat(dt.verdicts().get(k).sentence()).isEqualTo(t.verdicts().get(k).sentence());
            }
            assertThat(dt.hops()).hasSize(t.path().orElseThrow().trace().hops().size());
            assertThat(dt.traceJson()).contains("\"hopscope-trace\"");
        }
        assertThat(d.targets().get(1).verdicts().get(4).reason()).isEqualTo("port_closed");
        assertThat(d.json()).isEqualTo(json);
        assertThat(CheckSummary.text(d)).contains("www:8080").contains("[BROKEN]").contains("Service");
    }

    @Test
    void anOrdinaryTraceIsNotACheckReport(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("t.json");
        Files.writeString(f, "{\n  \"schema\": \"hopscope-trace\",\n  \"version\": 1\n}\n");
        assertThat(CheckDocumentReader.looksLikeCheckReport(f)).isFalse();
        assertThat(CheckDocumentReader.looksLikeCheckReport(tmp.resolve("missing.json"))).isFalse();
        assertThatThrownBy(() -> CheckDocumentReader.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Hopscope check report").hasMessageContaining("hopscope-trace");
    }

    @Test
    void badFilesGetASentence() {
        assertThatThrownBy(() -> CheckDocumentReader.parse("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> CheckDocumentReader.parse("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> CheckDocumentReader.parse("{\"schema\":\"hopscope-check\",\"version\":7}"))
                .hasMessageContaining("newer Hopscope");
        String json = new CheckReportWriter(PrivacyMask.OFF).json(report);
        assertThatThrownBy(() -> CheckDocumentReader.parse(json.replace("\"verdicts\"", "\"verdictz\"")))
                .hasMessageContaining("damaged").hasMessageContaining("verdicts");
    }
}
