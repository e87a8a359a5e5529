package org.hopscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.hopscope.app.cli.CliRun.Result;
import org.hopscope.engine.enrich.TestDnsServer;
import org.hopscope.engine.format.TraceDocumentReader;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.junit.jupiter.api.Test;

/**
 * {@code hopscope trace} with names, AS numbers and path MTU, against a real DNS server on 127.0.0.1
 * (dnsjava's message classes over a UDP socket) serving PTR records and Team-Cymru-format TXT records
 * in a lab zone, over the simulated {@code unequal-lb} network.
 */
class TraceEnrichmentCliTest {
    private static final String ZONE = "asn.lab.test";

    private static TestDnsServer labDns() throws Exception {
        TestDnsServer dns = TestDnsServer.answering();
        dns.ptr("198.18.0.1", "gw.home.test").ptr("198.18.1.1", "bras1.isp.test").ptr("198.18.7.10", "www.service.test");
        dns.cymru(ZONE, "198.18.0.1", 64500, "198.18.0.0/24", "ZZ", "lab", "HOME-LAN");
        dns.cymru(ZONE, "198.18.1.1", 64501, "198.18.1.0/24", "ZZ", "lab", "ISP-EXAMPLE");
        dns.cymru(ZONE, "198.18.2.1", 64501, "198.18.2.0/24", "ZZ", "lab", "ISP-EXAMPLE");
        dns.cymru(ZONE, "198.18.7.10", 64502, "198.18.7.0/24", "ZZ", "lab", "SERVICE-NET");
        return dns;
    }

    private static String server(TestDnsServer dns) {
        return "127.0.0.1:" + dns.address().getPort();
    }

    @Test
    void textShowsNamesAndAsNumbers() throws Exception {
        try (TestDnsServer dns = labDns()) {
            Result r = CliRun.virtual("trace", "--simulate", "unequal-lb", "--dns-server", server(dns), "--as-zone", ZONE,
                    "dst");
            assertThat(r.status()).as(r.err()).isZero();
            List<String> lines = r.outLines();
            lines = lines.subList(0, lines.indexOf("Findings:")); // the hops, without the findings after them
            assertThat(lines.get(1)).startsWith(" 1  gw.home.test (198.18.0.1) [AS64500 HOME-LAN]  ");
            assertThat(lines.get(2)).startsWith(" 2  bras1.isp.test (198.18.1.1) [AS64501 ISP-EXAMPLE]  ");
            assertThat(lines.get(3)).startsWith(" 3  198.18.2.1 (198.18.2.1) [AS64501 ISP-EXAMPLE]  ");
            assertThat(lines.get(lines.size() - 1))
                    .containsPattern(" www\\.service\\.test \\(198\\.18\\.7\\.10\\) \\[AS64502 SERVICE-NET\\]  ");
            assertThat(dns.queries()).anyMatch(q -> q.startsWith("1.0.18.198.in-addr.arpa./PTR"))
                    .anyMatch(q -> q.startsWith("1.0.18.198.origin." + ZONE));
        }
    }

    @Test
    void jsonHasTheEnrichmentSectionAndStillReads() throws Exception {
        try (TestDnsServer dns = labDns()) {
            Result r = CliRun.virtual("trace", "--simulate", "unequal-lb", "--json", "--dns-server", server(dns),
                    "--as-zone", ZONE, "dst");
            assertThat(r.status()).as(r.err()).isZero();
            JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
            JsonObject enrichment = doc.getAsJsonObject("enrichment");
            assertThat(enrichment.get("geo_available").getAsBoolean()).isFalse();
            JsonObject gw = byAddress(enrichment.getAsJsonArray("addresses"), "198.18.0.1");
            assertThat(gw.get("hostname").getAsString()).isEqualTo("gw.home.test");
            assertThat(gw.get("asn").getAsLong()).isEqualTo(64500);
            assertThat(gw.get("as_name").getAsString()).isEqualTo("HOME-LAN");
            assertThat(gw.get("prefix").getAsString()).isEqualTo("198.18.0.0/24");
            assertThat(gw.get("dns_state").getAsString()).isEqualTo("found");
            assertThat(gw.get("reserved").getAsString()).isEqualTo("benchmarking");
            JsonObject noName = byAddress(enrichment.getAsJsonArray("addresses"), "198.18.5.1");
            assertThat(noName.get("hostname").isJsonNull()).isTrue();
            assertThat(noName.get("asn").isJsonNull()).isTrue();
            JsonArray segments = enrichment.getAsJsonArray("as_segments");
            assertThat(segments.get(0).getAsJsonObject().get("asn").getAsLong()).isEqualTo(64500);
            assertThat(segments.get(1).getAsJsonObject().get("asn").getAsLong()).isEqualTo(64501);
            assertThat(segments.get(1).getAsJsonObject().get("first_ttl").getAsInt()).isEqualTo(2);
            assertThat(segments.get(1).getAsJsonObject().get("last_ttl").getAsInt()).isEqualTo(3);
            // The per-interface "name" of the base document carries the PTR name too.
            JsonObject hop1 = doc.getAsJsonArray("hops").get(0).getAsJsonObject();
            assertThat(hop1.getAsJsonArray("interfaces").get(0).getAsJsonObject().get("name").getAsString())
                    .isEqualTo("gw.home.test");
            // Additive: the reader of version 1 documents still reads it.
            TraceSnapshot back = TraceDocumentReader.read(new StringReader(r.out()));
            assertThat(back.status()).isEqualTo(TraceStatus.REACHED);
        }
    }

    /**
     * A DNS server that never answers: the trace takes as long as without DNS, and the output comes
     * at most {@link TraceEnrichment#MAX_SETTLE} later, with bare addresses.
     */
    @Test
    void serverThatNeverAnswersDoesNotHoldTheTraceUp() throws Exception {
        Result plain = CliRun.run("trace", "--simulate", "bench-15hop", "--json", "dst");
        double plainMs = durationMs(plain);
        try (TestDnsServer dns = TestDnsServer.blackHole()) {
            long t0 = System.nanoTime();
            Result r = CliRun.run("trace", "--simulate", "bench-15hop", "--json", "--dns-server", server(dns),
                    "--as-zone", ZONE, "dst");
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.status()).as(r.err()).isZero();
            double tracedMs = durationMs(r);
            // bench-15hop: 600 ms to the destination; the trace itself is not slowed by DNS.
            assertThat(tracedMs).isLessThan(plainMs + 300);
            assertThat(wallMs).isLessThan((long) tracedMs + TraceEnrichment.MAX_SETTLE.toMillis() + 1500);
            assertThat(dns.queryCount()).isGreaterThan(0);
            JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
            assertThat(doc.get("status").getAsString()).isEqualTo("reached");
            JsonObject dst = byAddress(doc.getAsJsonObject("enrichment").getAsJsonArray("addresses"), "198.18.15.10");
            assertThat(dst.get("hostname").isJsonNull()).isTrue();
            assertThat(dst.get("dns_state").getAsString()).isIn("pending", "timed_out");
        }
        try (TestDnsServer dns = TestDnsServer.blackHole()) {
            Result text = CliRun.run("trace", "--simulate", "bench-15hop", "--dns-server", server(dns), "dst");
            assertThat(text.status()).isZero();
            assertThat(text.outLines().subList(0, text.outLines().indexOf("Findings:"))).hasSize(16);
            assertThat(text.outLines().get(15)).startsWith("15  198.18.15.10 (198.18.15.10)  ");
        }
    }

    @Test
    void numericModeAsksNothing() throws Exception {
        try (TestDnsServer dns = labDns()) {
            Result r = CliRun.virtual("trace", "--simulate", "unequal-lb", "-n", "--dns-server", server(dns), "dst");
            assertThat(r.status()).isZero();
            assertThat(r.outLines().get(1)).startsWith(" 1  198.18.0.1  ");
            Thread.sleep(200);
            assertThat(dns.queryCount()).isZero();
        }
    }

    @Test
    void mtuPerHopInTextAndJson() {
        Result text = CliRun.virtual("trace", "--simulate", "unequal-lb", "-n", "--mtu", "dst");
        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out()).contains("\nPath MTU 1500 (first link unknown, 7 probes)");
        assertThat(text.outLines()).anyMatch(l -> l.matches(" 1 198\\.18\\.0\\.1 +mtu  1500  passed"));
        Result json = CliRun.virtual("trace", "--simulate", "unequal-lb", "--json", "--mtu", "dst");
        JsonObject mtu = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonObject("path_mtu");
        assertThat(mtu.get("path_mtu").getAsInt()).isEqualTo(1500);
        assertThat(mtu.get("reached_destination").getAsBoolean()).isTrue();
        assertThat(mtu.getAsJsonArray("hops").size()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void badEnrichmentOptionsAreUsageErrors() {
        Result missing = CliRun.virtual("trace", "--simulate", "unequal-lb", "--geoip", "/nonexistent/city.mmdb", "dst");
        assertThat(missing.status()).isEqualTo(TraceCommand.USAGE);
        assertThat(missing.err()).startsWith("hopscope: --geoip: ").contains("city.mmdb");
        Result badServer = CliRun.virtual("trace", "--simulate", "unequal-lb", "--dns-server", "dns.example", "dst");
        assertThat(badServer.status()).isEqualTo(TraceCommand.USAGE);
        assertThat(badServer.err()).contains("not an IP address");
        Result badPort = CliRun.virtual("trace", "--simulate", "unequal-lb", "--dns-server", "[::1]:99999", "dst");
        assertThat(badPort.err()).contains("port must be 1..65535");
        assertThat(Path.of("/nonexistent/city.mmdb")).doesNotExist();
    }

    private static double durationMs(Result r) {
        return JsonParser.parseString(r.out()).getAsJsonObject().get("duration_ms").getAsDouble();
    }

    private static JsonObject byAddress(JsonArray a, String address) {
        for (JsonElement e : a) {
            if (e.getAsJsonObject().get("address").getAsString().equals(address)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + address + " in " + a);
    }
}
