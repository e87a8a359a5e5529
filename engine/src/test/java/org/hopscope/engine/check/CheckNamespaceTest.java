package org.hopscope.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hopscope.engine.netns.CheckLabServices;
import org.hopscope.engine.netns.CheckMain;
import org.hopscope.engine.netns.CheckTopology;
import org.hopscope.engine.netns.ChildJvm;
import org.hopscope.engine.netns.Cmd;
import org.hopscope.engine.netns.NetnsPreconditions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connectivity check's acceptance scenarios on real kernels ({@link CheckTopology}): the check runs
 * in a child JVM inside the client namespace over the unprivileged datagram transport (UDP, ICMP; the
 * native helper adds TCP when given), against a DNS server on the ISP router and a TCP service on the
 * server. Each scenario asserts the verdict categories (status, reason), not the sentences.
 */
class CheckNamespaceTest {
    private static CheckTopology topo;
    private static ChildJvm jvm;
    private static Path resolv;
    private static final List<Process> SERVICES = new ArrayList<>();

    @BeforeAll
    static void lab() throws Exception {
        NetnsPreconditions.require("nft");
        topo = CheckTopology.build();
        jvm = ChildJvm.prepare(topo.run());
        resolv = Files.createTempFile("hs-" + topo.run().id() + "-resolv", ".conf");
        Files.writeString(resolv, "# check lab\nnameserver " + CheckTopology.DNS.getHostAddress() + "\nsearch check.test\n");
        start("isp", "dns=" + CheckTopology.DNS.getHostAddress());
        start("server", "tcp=" + CheckTopology.SERVER.getHostAddress() + ":" + CheckTopology.SERVICE_PORT);
    }

    private static void start(String node, String arg) throws Exception {
        Process p = new ProcessBuilder(jvm.command(topo.node(node), null, CheckLabServices.class.getName(), List.of(arg)))
                .redirectErrorStream(true).start();
        SERVICES.add(p);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return r.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        assertThat(line).as("service " + arg + " in " + node).isEqualTo("READY");
    }

    @AfterAll
    static void cleanup() throws Exception {
        for (Process p : SERVICES) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        if (topo != null) {
            topo.close();
        }
        if (jvm != null) {
            jvm.close();
        }
        if (resolv != null) {
            Files.deleteIfExists(resolv);
        }
    }

    private static JsonObject check(long budgetMs, String... targets) {
        return checkWith(List.of(), budgetMs, targets);
    }

    private static JsonObject checkWith(List<String> extra, long budgetMs, String... targets) {
        List<String> args = new ArrayList<>(List.of("resolv=" + resolv, "budget-ms=" + budgetMs));
        args.addAll(extra);
        args.addAll(List.of(targets));
        Cmd.Result r = jvm.run(topo.node("client"), null, Duration.ofSeconds(60), CheckMain.class.getName(), args);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("Hopscope connectivity check");
        System.out.println(r.err());
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    private static JsonObject verdict(JsonObject target, String segment) {
        for (JsonElement e : target.getAsJsonArray("verdicts")) {
            if (e.getAsJsonObject().get("segment").getAsString().equals(segment)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no verdict for " + segment + " in " + target);
    }

    private static String status(JsonObject target, String segment) {
        return verdict(target, segment).get("status").getAsString();
    }

    private static String reason(JsonObject target, String segment) {
        return verdict(target, segment).get("reason").getAsString();
    }

    private static final List<String> NETWORK = List.of("local_network", "isp_edge", "transit", "destination_network");

    /** Healthy path; an unresolvable name (NXDOMAIN from the lab's DNS server); a closed TCP port. */
    @Test
    void healthyUnresolvableAndClosedPort() {
        JsonObject report = check(5000, "service.check.test", "missing.check.test", "service.check.test:444");
        JsonObject machine = report.getAsJsonObject("machine");
        assertThat(machine.get("gateway").getAsString()).isEqualTo(CheckTopology.GATEWAY.getHostAddress());
        assertThat(machine.get("interface").getAsString()).isEqualTo("gw");
        assertThat(machine.get("local_address").getAsString()).isEqualTo("198.18.0.2");
        assertThat(machine.getAsJsonArray("dns_servers").get(0).getAsString()).isEqualTo("198.18.1.2");
        assertThat(report.get("status").getAsString()).isEqualTo("broken");
        JsonArray targets = report.getAsJsonArray("targets");

        JsonObject healthy = targets.get(0).getAsJsonObject();
        assertThat(healthy.get("address").getAsString()).isEqualTo("198.19.4.2");
        assertThat(healthy.getAsJsonObject("dns").get("outcome").getAsString()).isEqualTo("found");
        assertThat(healthy.getAsJsonObject("connect").get("outcome").getAsString()).isEqualTo("open");
        for (String s : NETWORK) {
            assertThat(status(healthy, s)).as(s).isEqualTo("good");
            assertThat(reason(healthy, s)).as(s).isEqualTo("ok");
        }
        assertThat(status(healthy, "service")).isEqualTo("good");
        assertThat(healthy.get("status").getAsString()).isEqualTo("good");
        JsonObject path = healthy.getAsJsonObject("path");
        assertThat(path.get("reached").getAsBoolean()).isTrue();
        assertThat(path.get("rounds").getAsLong()).isGreaterThan(3);
        assertThat(verdict(healthy, "local_network").getAsJsonArray("ttls").toString()).isEqualTo("[1]");
        assertThat(verdict(healthy, "isp_edge").getAsJsonArray("ttls").toString()).isEqualTo("[2]");
        assertThat(verdict(healthy, "transit").getAsJsonArray("ttls").toString()).isEqualTo("[3]");
        assertThat(verdict(healthy, "destination_network").getAsJsonArray("ttls").toString()).isEqualTo("[4]");
        assertThat(verdict(healthy, "service").getAsJsonArray("ttls").toString()).isEqualTo("[5]");
        assertThat(path.getAsJsonArray("hops").get(0).getAsJsonObject().get("address").getAsString())
                .isEqualTo(CheckTopology.GATEWAY.getHostAddress());
        // The embedded trace document is the full trace (the helpdesk opens it in Hopscope).
        assertThat(path.getAsJsonObject("trace").get("schema").getAsString()).isEqualTo("hopscope-trace");

        JsonObject missing = targets.get(1).getAsJsonObject();
        assertThat(missing.getAsJsonObject("dns").get("outcome").getAsString()).isEqualTo("not_found");
        assertThat(status(missing, "service")).isEqualTo("broken");
        assertThat(reason(missing, "service")).isEqualTo("name_not_found");
        for (String s : NETWORK) {
            assertThat(status(missing, s)).as(s).isEqualTo("unknown");
        }
        assertThat(missing.get("status").getAsString()).isEqualTo("broken");
        assertThat(missing.get("path").isJsonNull()).isTrue();

        JsonObject closed = targets.get(2).getAsJsonObject();
        assertThat(closed.getAsJsonObject("connect").get("outcome").getAsString()).isEqualTo("refused");
        assertThat(status(closed, "service")).isEqualTo("broken");
        assertThat(reason(closed, "service")).isEqualTo("port_closed");
        for (String s : NETWORK) {
            assertThat(status(closed, s)).as(s).isEqualTo("good");
        }
        assertThat(closed.get("status").getAsString()).isEqualTo("broken");
        assertThat(report.get("duration_ms").getAsLong()).isLessThan(5000 + 4000);
    }

    /** 30% random loss on the client-gateway link: the local network is blamed, nothing downstream. */
    @Test
    void lossAtTheGatewayLink() {
        topo.lossAtGateway(30);
        try {
            JsonObject report = check(8000, CheckTopology.SERVER.getHostAddress());
            JsonObject t = report.getAsJsonArray("targets").get(0).getAsJsonObject();
            assertThat(status(t, "local_network")).isIn("degraded", "broken");
            assertThat(reason(t, "local_network")).isEqualTo("packet_loss");
            for (String s : List.of("isp_edge", "transit", "destination_network")) {
                assertThat(reason(t, s)).as(s).isNotEqualTo("packet_loss");
                assertThat(status(t, s)).as(s).isEqualTo("good");
            }
            assertThat(t.get("status").getAsString()).isIn("degraded", "broken");
            assertThat(report.get("status").getAsString()).isIn("degraded", "broken");
            double hop1Loss = t.getAsJsonObject("path").getAsJsonArray("hops").get(0).getAsJsonObject()
                    .get("loss_percent").getAsDouble();
            assertThat(hop1Loss).isBetween(10.0, 60.0);
        } finally {
            topo.clear("gw");
        }
    }

    /** transit rate-limits its time-exceeded messages but forwards everything: no segment is bad. */
    @Test
    void routerRateLimitingIcmpIsNotAFault() {
        topo.icmpRateLimitAtTransit();
        try {
            JsonObject report = check(6000, "service.check.test");
            JsonObject t = report.getAsJsonArray("targets").get(0).getAsJsonObject();
            JsonObject hop3 = t.getAsJsonObject("path").getAsJsonArray("hops").get(2).getAsJsonObject();
            assertThat(hop3.get("loss_percent").getAsDouble()).as("transit drops replies").isGreaterThan(20.0);
            assertThat(reason(t, "transit")).isEqualTo("loss_not_persistent");
            for (String s : NETWORK) {
                assertThat(status(t, s)).as(s).isEqualTo("good");
            }
            assertThat(status(t, "service")).isEqualTo("good");
            assertThat(report.get("status").getAsString()).isEqualTo("good");
        } finally {
            topo.clear("transit");
        }
    }

    /** edge drops UDP and ICMP: the check falls back, probes stop at edge, the service still answers over TCP. */
    @Test
    void firewallBlockingUdpAndIcmp() {
        topo.firewallAtEdge();
        try {
            JsonObject report = check(5000, "service.check.test");
            JsonObject t = report.getAsJsonObject().getAsJsonArray("targets").get(0).getAsJsonObject();
            JsonObject path = t.getAsJsonObject("path");
            assertThat(t.getAsJsonObject("connect").get("outcome").getAsString()).isEqualTo("open");
            assertThat(status(t, "service")).isEqualTo("good");
            for (JsonElement v : t.getAsJsonArray("verdicts")) {
                assertThat(v.getAsJsonObject().get("status").getAsString()).as(v.toString()).isIn("good", "unknown");
            }
            assertThat(report.get("status").getAsString()).isEqualTo("good");
            if (!path.get("protocol").getAsString().equals("tcp")) {
                // Without TCP probes (datagram transport) UDP and ICMP were both tried and filtered.
                List<String> tried = new ArrayList<>();
                for (JsonElement a : path.getAsJsonArray("attempts")) {
                    JsonObject o = a.getAsJsonObject();
                    if (o.get("ran").getAsBoolean()) {
                        assertThat(o.get("reached").getAsBoolean()).isFalse();
                        tried.add(o.get("protocol").getAsString());
                    }
                }
                assertThat(tried).containsExactly("udp", "icmp");
                assertThat(reason(t, "destination_network")).isEqualTo("probes_filtered");
                assertThat(path.get("reached").getAsBoolean()).isFalse();
            }
        } finally {
            topo.clear("edge");
        }
    }

    /** With the native helper (raw sockets) TCP probes to the service port pass the UDP/ICMP firewall. */
    @Test
    void firewallWithTcpProbesThroughTheHelper() {
        Path helper = Path.of("..", "native-helper", "target", "hopscope-helper").toAbsolutePath().normalize();
        // In a reactor build the engine's tests run before native-helper is compiled: nothing to test then.
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(helper),
                "native helper not built (make -C native-helper): " + helper);
        topo.firewallAtEdge();
        try {
            JsonObject report = checkWith(List.of("helper=" + helper), 4000, "service.check.test");
            JsonObject t = report.getAsJsonArray("targets").get(0).getAsJsonObject();
            JsonObject path = t.getAsJsonObject("path");
            assertThat(report.get("transport").getAsString()).contains("helper");
            assertThat(path.get("protocol").getAsString()).isEqualTo("tcp");
            assertThat(path.get("reached").getAsBoolean()).isTrue();
            for (String s : NETWORK) {
                assertThat(status(t, s)).as(s).isEqualTo("good");
            }
            assertThat(report.get("status").getAsString()).isEqualTo("good");
        } finally {
            topo.clear("edge");
        }
    }

    /**
     * Issue 8's acceptance on real kernels: names and AS numbers from the lab's DNS server (PTR and
     * Team-Cymru-format TXT records) on an ICMP trace; then a DNS server that never answers (nftables
     * drops the queries): the trace takes no longer and prints bare addresses.
     */
    @Test
    void namesAndAsNumbersOnARealTraceAndABlackHoleServer() {
        List<String> base = List.of("target=" + CheckTopology.SERVER.getHostAddress(), "zone=" + CheckLabServices.AS_ZONE);
        List<String> args = new ArrayList<>(base);
        args.add("dns=" + CheckTopology.DNS.getHostAddress() + ":53");
        Cmd.Result r = jvm.run(topo.node("client"), null, Duration.ofSeconds(60),
                org.hopscope.engine.netns.EnrichedTraceMain.class.getName(), args);
        assertThat(r.exit()).as(r.err()).isZero();
        String[] parts = r.out().split("\n---\n");
        List<String> text = parts[0].lines().toList();
        assertThat(text.get(1)).startsWith(" 1  gw.home.test (198.18.0.1) [AS64500 HOME-LAN]  ");
        assertThat(text.get(2)).startsWith(" 2  bras1.isp.test (198.18.1.2) [AS64501 ISP-EXAMPLE]  ");
        assertThat(text.get(3)).startsWith(" 3  core1.transit.test (198.18.2.2) [AS64510 TRANSIT-EXAMPLE]  ");
        assertThat(text.get(5)).startsWith(" 5  service.check.test (198.19.4.2) [AS64520 SERVICE-NET]  ");
        JsonObject doc = JsonParser.parseString(parts[1]).getAsJsonObject();
        JsonArray segments = doc.getAsJsonObject("enrichment").getAsJsonArray("as_segments");
        assertThat(segments.size()).isEqualTo(4);
        JsonObject last = segments.get(3).getAsJsonObject();
        assertThat(last.get("asn").getAsLong()).isEqualTo(64520);
        assertThat(last.get("first_ttl").getAsInt()).isEqualTo(4);
        assertThat(last.get("last_ttl").getAsInt()).isEqualTo(5);
        long answeredTraceMs = millis(r.out(), "TRACE_MS");

        topo.node("isp").nft("table inet hscheck {\n chain in {\n  type filter hook input priority 0;\n"
                + "  udp dport 5353 drop\n }\n}\n");
        try {
            List<String> hole = new ArrayList<>(base);
            hole.add("dns=" + CheckTopology.DNS.getHostAddress() + ":5353");
            Cmd.Result b = jvm.run(topo.node("client"), null, Duration.ofSeconds(60),
                    org.hopscope.engine.netns.EnrichedTraceMain.class.getName(), hole);
            assertThat(b.exit()).as(b.err()).isZero();
            List<String> plain = b.out().split("\n---\n")[0].lines().toList();
            assertThat(plain.get(1)).startsWith(" 1  198.18.0.1 (198.18.0.1)  ");
            assertThat(plain.get(5)).startsWith(" 5  198.19.4.2 (198.19.4.2)  ");
            long traceMs = millis(b.out(), "TRACE_MS");
            // The trace's own bound: 5 hops answer at once (concurrent ICMP), well under one wait time.
            assertThat(traceMs).isLessThan(Math.max(answeredTraceMs, 200) + 500).isLessThan(1000);
            // The output waits at most the 1.5 s settle time for lookups that will never finish.
            assertThat(millis(b.out(), "OUTPUT_AFTER_TRACE_MS")).isLessThan(1500 + 700);
        } finally {
            topo.clear("isp");
        }
    }

    private static long millis(String out, String key) {
        return out.lines().filter(l -> l.startsWith(key + " ")).mapToLong(l -> Long.parseLong(l.substring(key.length() + 1)))
                .findFirst().orElseThrow();
    }
}
