package org.hopscope.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hopscope.engine.sim.SimTestSupport.ip;
import static org.hopscope.engine.sim.SimTestSupport.udp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltInTopologiesTest {

    static List<String> names() {
        return Topology.builtInNames();
    }

    @Test
    void theListMatchesTheShippedFiles() throws Exception {
        URL dir = Topology.class.getResource(Topology.RESOURCE_DIR);
        assertThat(dir).isNotNull();
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(dir.toURI()))) {
            s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".topo"))
                    .forEach(f -> files.add(f.substring(0, f.length() - 5)));
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(Topology.builtInNames());
        assertThat(Topology.builtInNames()).contains("demo", "unequal-lb", "bench-15hop", "per-packet", "nat", "mpls",
                "zero-ttl");
        assertThatThrownBy(() -> Topology.builtIn("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("demo, unequal-lb");
    }

    @ParameterizedTest
    @MethodSource("names")
    void eachLoadsAndUsesOnlyDocumentationAddresses(String name) {
        Topology t = Topology.builtIn(name);
        assertThat(t.name()).isEqualTo(name);
        assertThat(t.origin()).isEqualTo(name + ".topo");
        assertThat(t.description()).isNotBlank();
        assertThat(t.hasIpv6()).isTrue();
        for (Node n : t.nodes()) {
            if (n.ipv4() != null) {
                assertThat(inBenchmarkRange(n.ipv4())).as(n.name()).isTrue();
            }
            if (n.ipv6() != null) {
                assertThat(n.ipv6().getHostAddress()).as(n.name()).startsWith("2001:db8:");
            }
            if (n.nat() != null) {
                assertThat(inBenchmarkRange(n.nat().publicAddress())).isTrue();
            }
        }
        for (Node host : t.destinations()) {
            if (host.kind() == Node.Kind.HOST) {
                assertThat(t.truePath(udp(host.ipv4(), 1, 1, 33457))).isNotEmpty().last().isEqualTo(host.ipv4());
                assertThat(t.truePath(udp(host.ipv6(), 1, 1, 33457))).last().isEqualTo(host.ipv6());
            }
        }
    }

    /** 198.18.0.0/15 (RFC 2544 benchmarking). */
    private static boolean inBenchmarkRange(InetAddress a) {
        byte[] b = a.getAddress();
        return a instanceof Inet4Address && (b[0] & 0xff) == 198 && ((b[1] & 0xff) == 18 || (b[1] & 0xff) == 19);
    }

    @ParameterizedTest
    @MethodSource("names")
    void theDocumentationExplainsEachShippedFile(String name) throws Exception {
        Path doc = Path.of("..", "docs", "simulated-network.md");
        assertThat(doc).exists();
        assertThat(Files.readString(doc)).contains("`" + name + ".topo`");
    }

    @Test
    void theDocumentedExampleParsesAndBehavesAsDescribed() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "simulated-network.md"));
        int start = doc.indexOf("```\nname   tiny");
        assertThat(start).as("the example in docs/simulated-network.md").isPositive();
        String example = doc.substring(start + 4, doc.indexOf("```", start + 4));
        Topology t = Topology.parse(example, "tiny.topo");
        assertThat(t.seed()).isEqualTo(3);
        assertThat(t.node("gw").orElseThrow().nat()).isNotNull();
        MultipathTruth m = t.multipathTruth(udp(ip("198.18.9.80"), 1, 1, 2));
        assertThat(m.paths()).hasSize(2);
        assertThat(m.interfacesAtTtl(3)).containsExactly(ip("198.18.2.1"));
        assertThat(m.destinationTtls()).containsExactly(4);
    }

    @Test
    void benchIsFifteenHopsOfTwentyMilliseconds() {
        Topology t = Topology.builtIn("bench-15hop");
        InetAddress dst = ip("198.18.15.10");
        assertThat(t.truePath(udp(dst, 1, 1, 2))).hasSize(15).doesNotContainNull();
        SimulatedTransport sim = new SimulatedTransport(t, SimulatedTransport.Clock.VIRTUAL);
        for (int ttl = 1; ttl <= 15; ttl++) {
            long sent = sim.nanoTime();
            long rtt = SimTestSupport.exchange(sim, udp(dst, ttl, 1, 2)).get(0).receivedNanos() - sent;
            assertThat(rtt).as("hop %d", ttl).isEqualTo(ttl * 40_000_000L);
        }
    }

    @Test
    void demoHasEverythingTheGuiShows() {
        Topology t = Topology.builtIn("demo");
        long balancers = t.nodes().stream()
                .filter(n -> n.balancer().mode() == Node.Balancer.Mode.PER_FLOW)
                .filter(n -> t.links().stream().filter(l -> l.from().equals(n.name())).count() > 1).count();
        assertThat(balancers).isGreaterThanOrEqualTo(2);
        assertThat(t.tunnels()).isNotEmpty();
        assertThat(t.nodes()).anyMatch(n -> n.silent()).anyMatch(n -> n.rateLimit() != null);
        Node firstHop = t.node(t.links().get(0).to()).orElseThrow();
        assertThat(firstHop.nat()).as("NAT near the source").isNotNull();
        MultipathTruth m = t.multipathTruth(udp(ip("198.18.90.80"), 1, 1, 2));
        assertThat(m.maxTtl()).isBetween(9, 12);
        assertThat(m.interfacesAtTtl(5)).hasSizeGreaterThanOrEqualTo(3);
    }
}
