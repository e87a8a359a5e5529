package org.hopscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hopscope.app.cli.CliRun.Result;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.format.TraceDocumentReader;
import org.hopscope.engine.trace.TraceSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hopscope trace -a exhaustive|lite}, {@code --multipath} and {@code --dot} on the simulated network. */
class MultipathCliTest {

    @Test
    void exhaustivePrintsEveryBranchWithItsFlowsAndTheBalancerKind() {
        Result r = CliRun.virtual("trace", "--simulate", "unequal-lb", "-a", "exhaustive", "-n");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> lines = r.outLines();
        assertThat(lines.get(0)).startsWith("traceroute [(198.18.0.2:33456) -> (198.18.7.10:33457)], protocol udp, "
                + "algo exhaustive");
        // TTL 4 is a1 (198.18.3.1) or b1 (198.18.4.1): both listed with their flows, paris-traceroute style.
        String ttl4 = lines.stream().filter(l -> l.startsWith(" 4  ")).findFirst().orElseThrow();
        assertThat(ttl4).containsPattern("198\\.18\\.3\\.1:\\d+(,\\d+)*  \\d+\\.\\d{3} ms")
                .containsPattern("198\\.18\\.4\\.1:\\d+(,\\d+)*");
        assertThat(lines).anyMatch(l -> l.matches("load balancer 198\\.18\\.2\\.1 \\(hop 3\\): 2 next hops, per-flow"));
        assertThat(lines).contains("Findings:");
        assertThat(lines).anyMatch(l -> l.contains("[info] hop 3: Load balancing: paths split after 198.18.2.1"));
    }

    @Test
    void multipathMeansLiteAndJsonCarriesTopologyAndFindings(@TempDir Path dir) throws Exception {
        Path dot = dir.resolve("t.dot");
        Result r = CliRun.virtual("trace", "--simulate", "per-packet", "--multipath", "--json", "--dot", dot.toString());
        assertThat(r.status()).as(r.err()).isZero();
        TraceSnapshot s = TraceDocumentReader.read(new StringReader(r.out()));
        assertThat(s.settings().algorithm()).isEqualTo(Algorithm.LITE);
        assertThat(r.out()).contains("\"topology\": {").contains("\"diamonds\": [").contains("\"findings\": [")
                .contains("\"kind\": \"per_packet_balancer\"");
        String graph = Files.readString(dot);
        assertThat(graph).startsWith("digraph hopscope {").contains("->").contains("per-packet");
    }

    @Test
    void classicAndMultipathDoNotMix() {
        Result r = CliRun.virtual("trace", "--simulate", "unequal-lb", "--classic", "-a", "lite");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("needs Paris probes");
    }
}
