package org.hopscope.engine.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.sim.SimulatedTransport;
import org.hopscope.engine.sim.Topology;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.junit.jupiter.api.Test;

/**
 * Enrichment beside a simulated trace in real time: the built-in 15-hop path (40 ms RTT per hop),
 * names served by a real DNS server on loopback, or by one that never answers.
 */
class EnrichedSimulatedTraceTest {
    private static final String TARGET = "198.18.15.10";

    private static TraceSnapshot trace(Enricher enricher) throws Exception {
        TraceSettings s = TraceSettings.builder(TARGET).waitTime(Duration.ofSeconds(2)).build();
        try (SimulatedTransport t = new SimulatedTransport(Topology.builtIn("bench-15hop"), SimulatedTransport.Clock.REAL)) {
            Tracer tracer = new Tracer(s, t, InetAddress.getByName(TARGET));
            if (enricher != null) {
                tracer.listener(enricher.traceListener());
            }
            return tracer.run();
        }
    }

    @Test
    void hopNamesAppearAndBenchmarkingAddressesAreLabelled() throws Exception {
        try (TestDnsServer dns = TestDnsServer.answering()) {
            for (int i = 1; i <= 14; i++) {
                dns.ptr("198.18." + i + ".1", "r" + i + ".bench.example");
            }
            dns.ptr(TARGET, "dst.bench.example");
            try (Enricher e = Enricher.create(EnricherConfig.builder().dnsServer(dns.address()).build())) {
                TraceSnapshot snap = trace(e);
                assertThat(snap.status()).isEqualTo(TraceStatus.REACHED);
                Enrichment en = e.await(snap, Duration.ofSeconds(5));
                assertThat(en.hostName(InetAddress.getByName("198.18.7.1"))).contains("r7.bench.example");
                assertThat(en.displayName(InetAddress.getByName(TARGET))).isEqualTo("dst.bench.example (" + TARGET + ")");
                assertThat(en.asText(InetAddress.getByName("198.18.7.1"))).isEqualTo("benchmarking");
                assertThat(dns.queries()).noneMatch(q -> q.contains("origin"));
                assertThat(AsSegments.of(snap.hops(), en)).singleElement()
                        .satisfies(seg -> assertThat(seg.hopCount()).isEqualTo(15));
            }
        }
    }

    @Test
    void aSilentDnsServerLeavesTheTraceTimeAsItIs() throws Exception {
        long without = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long t0 = System.nanoTime();
            assertThat(trace(null).status()).isEqualTo(TraceStatus.REACHED);
            without = Math.min(without, System.nanoTime() - t0);
        }
        try (TestDnsServer dns = TestDnsServer.blackHole();
                Enricher e = Enricher.create(EnricherConfig.builder().dnsServer(dns.address()).build())) {
            long t0 = System.nanoTime();
            TraceSnapshot snap = trace(e);
            long with = System.nanoTime() - t0;
            assertThat(snap.status()).isEqualTo(TraceStatus.REACHED);
            assertThat(snap.hops()).hasSize(15);
            assertThat(with).isLessThan(without + 300_000_000L);
            assertThat(dns.queryCount()).isGreaterThan(0);
            Enrichment en = e.snapshot();
            assertThat(en.displayName(InetAddress.getByName(TARGET))).isEqualTo(TARGET);
            System.out.printf("bench-15hop, black-hole DNS: trace %.0f ms with enrichment, %.0f ms without%n",
                    with / 1e6, without / 1e6);
        }
    }
}
