package org.hopscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hopscope.app.cli.CliRun.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hopscope check} end to end over a simulated network (no packet leaves the machine). */
class CheckCommandTest {
    private static final String LAB = String.join("\n",
            "name check-lab",
            "source client 198.18.0.2",
            "router gw      198.18.0.1",
            "router isp     198.18.1.2",
            "router transit 198.18.2.2",
            "router edge    198.18.3.2",
            "host   www     198.19.4.2 tcp=443",
            "link client gw 0.5ms",
            "link gw isp 3ms",
            "link isp transit 4ms",
            "link transit edge 2ms",
            "link edge www 0.5ms",
            "");

    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty("hopscope.check.targets");
    }

    private Path lab() throws Exception {
        Path p = dir.resolve("lab.topo");
        Files.writeString(p, LAB);
        return p;
    }

    @Test
    void textSummaryAndExitStatusForAHealthyAndABrokenTarget() throws Exception {
        Result r = CliRun.run("check", "--simulate", lab().toString(), "--budget", "2", "www", "www:444");
        assertThat(r.status()).as(r.err()).isEqualTo(CheckCommand.BROKEN);
        assertThat(r.out()).startsWith("Hopscope connectivity check, ").contains(": BROKEN\n")
                .contains("gateway 198.18.0.1")
                .containsPattern("\nwww \\(198\\.19\\.4\\.2\\): GOOD, traced over TCP, \\d+ rounds\n")
                .containsPattern("\nwww:444 \\(198\\.19\\.4\\.2\\): BROKEN");
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("  [BROKEN]  Service "));
        assertThat(r.err()).contains("checking 2 target(s) for 2 s");
    }

    @Test
    void jsonReportSavedMaskedAndDefaultTargetsFromSettings() throws Exception {
        Path targets = dir.resolve("check-targets");
        Files.writeString(targets, "# our services\nwww   # the web front\n");
        System.setProperty("hopscope.check.targets", targets.toString());
        Path report = dir.resolve("report.json");
        Result r = CliRun.run("check", "--simulate", lab().toString(), "--budget", "1", "--json", "--mask",
                "--report", report.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(CheckCommand.GOOD);
        JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(doc.get("schema").getAsString()).isEqualTo("hopscope-check");
        assertThat(doc.get("status").getAsString()).isEqualTo("good");
        assertThat(doc.getAsJsonObject("machine").get("local_address").getAsString()).isEqualTo("198.18.0.0");
        assertThat(doc.getAsJsonArray("targets").get(0).getAsJsonObject().get("target").getAsString()).isEqualTo("www");
        assertThat(Files.readString(report)).isEqualTo(r.out());
    }

    /** With names and AS numbers (a real DNS server on 127.0.0.1, a lab zone) segments follow AS borders. */
    @Test
    void asNumbersCutTheSegments() throws Exception {
        try (org.hopscope.engine.enrich.TestDnsServer dns = org.hopscope.engine.enrich.TestDnsServer.answering()) {
            String zone = "asn.lab.test";
            dns.ptr("198.18.1.2", "bras1.isp.test").ptr("198.18.3.2", "edge1.service.test");
            dns.cymru(zone, "198.18.0.1", 64500, "198.18.0.0/24", "ZZ", "lab", "HOME");
            dns.cymru(zone, "198.18.1.2", 64501, "198.18.1.0/24", "ZZ", "lab", "ISP");
            dns.cymru(zone, "198.18.2.2", 64501, "198.18.2.0/24", "ZZ", "lab", "ISP");
            dns.cymru(zone, "198.18.3.2", 64520, "198.18.3.0/24", "ZZ", "lab", "SERVICE");
            dns.cymru(zone, "198.19.4.2", 64520, "198.19.4.0/24", "ZZ", "lab", "SERVICE");
            Result r = CliRun.run("check", "--simulate", lab().toString(), "--budget", "2", "--json",
                    "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--as-zone", zone, "www");
            assertThat(r.status()).as(r.err()).isEqualTo(CheckCommand.GOOD);
            JsonObject t = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("targets").get(0)
                    .getAsJsonObject();
            java.util.Map<String, JsonObject> v = new java.util.HashMap<>();
            t.getAsJsonArray("verdicts").forEach(e -> v.put(e.getAsJsonObject().get("segment").getAsString(),
                    e.getAsJsonObject()));
            assertThat(v.get("isp_edge").getAsJsonArray("ttls").toString()).isEqualTo("[2,3]");
            assertThat(v.get("destination_network").getAsJsonArray("ttls").toString()).isEqualTo("[4]");
            assertThat(v.get("transit").get("status").getAsString()).isEqualTo("unknown");
            JsonObject hop2 = t.getAsJsonObject("path").getAsJsonArray("hops").get(1).getAsJsonObject();
            assertThat(hop2.get("name").getAsString()).isEqualTo("bras1.isp.test");
            assertThat(hop2.get("asn").getAsLong()).isEqualTo(64501);
            assertThat(hop2.get("segment").getAsString()).isEqualTo("isp_edge");
        }
    }

    @Test
    void usageErrors() throws Exception {
        System.setProperty("hopscope.check.targets", dir.resolve("none").toString());
        Result none = CliRun.run("check", "--simulate", lab().toString());
        assertThat(none.status()).isEqualTo(CheckCommand.USAGE);
        assertThat(none.err()).contains("no target given and none configured in").contains(dir.resolve("none").toString());
        assertThat(CliRun.run("check", "--budget", "0", "x").err()).contains("--budget: must be 1..600");
        assertThat(CliRun.run("check", "--frobnicate").status()).isEqualTo(CheckCommand.USAGE);
        assertThat(CliRun.run("check", "host:99999").err()).contains("port must be 1..65535");
        Result help = CliRun.run("check", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--budget SECONDS").contains(dir.resolve("none").toString());
    }
}
