package org.hopscope.engine.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.pmtu.FakePath;
import org.hopscope.engine.pmtu.FakePath.Router;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.junit.jupiter.api.Test;

/** The enricher against a real DNS server on loopback (no mock of DNS anywhere). */
class EnricherTest {
    private static final long HOP_DELAY = 1_000_000; // 1 ms per hop each way

    /** 192.168.1.1 (private), 100.64.0.1 (shared), two hops of AS3356, two of AS15169. */
    private static FakePath demoPath() {
        return new FakePath("192.0.2.10", 1500, List.of(
                Router.of("192.168.1.1", 1500), Router.of("100.64.0.1", 1500), Router.of("4.69.0.1", 1500),
                Router.of("4.69.0.2", 1500), Router.of("72.14.0.1", 1500)), "8.8.8.8", HOP_DELAY);
    }

    private static TestDnsServer demoDns() throws Exception {
        return TestDnsServer.answering()
                .ptr("192.168.1.1", "router.lan")
                .ptr("100.64.0.1", "cgnat.isp.example")
                .ptr("4.69.0.1", "ae-1.edge1.paris.level3.net")
                .ptr("4.69.0.2", "ae-2.edge2.paris.level3.net")
                .ptr("72.14.0.1", "72-14-0-1.google.com")
                .ptr("8.8.8.8", "dns.google")
                .cymru("4.69.0.1", 3356, "4.0.0.0/9", "US", "arin", "LEVEL3 - Level 3 Parent, LLC, US")
                .cymru("4.69.0.2", 3356, "4.0.0.0/9", "US", "arin", "LEVEL3 - Level 3 Parent, LLC, US")
                .cymru("72.14.0.1", 15169, "72.14.0.0/17", "US", "arin", "GOOGLE - Google LLC, US")
                .cymru("8.8.8.8", 15169, "8.8.8.0/24", "US", "arin", "GOOGLE - Google LLC, US");
    }

    private static TraceSettings settings(boolean numeric) {
        return TraceSettings.builder("8.8.8.8").maxTtl(8).waitTime(Duration.ofMillis(500)).numeric(numeric).build();
    }

    private static EnricherConfig.Builder config(TestDnsServer dns) {
        return EnricherConfig.builder().dnsServer(dns.address()).timeout(Duration.ofMillis(500)).attempts(2);
    }

    private static TraceSnapshot trace(Enricher enricher) throws Exception {
        try (FakePath net = demoPath()) {
            Tracer t = new Tracer(settings(false), net, net.destination());
            if (enricher != null) {
                t.listener(enricher.traceListener());
            }
            return t.run();
        }
    }

    private static InetAddress a(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void aTraceShowsNamesAndAsesAndLabelsReservedRangesWithoutAsLookups() throws Exception {
        try (TestDnsServer dns = demoDns(); Enricher enricher = Enricher.create(config(dns).build())) {
            TraceSnapshot snap = trace(enricher);
            assertThat(snap.status()).isEqualTo(TraceStatus.REACHED);
            Enrichment e = enricher.await(snap, Duration.ofSeconds(5));

            assertThat(e.settled()).isTrue();
            assertThat(e.hostName(a("4.69.0.1"))).contains("ae-1.edge1.paris.level3.net");
            assertThat(e.hostName(a("8.8.8.8"))).contains("dns.google");
            assertThat(e.hostName(a("192.168.1.1"))).contains("router.lan"); // private: names still asked
            assertThat(e.displayName(a("8.8.8.8"))).isEqualTo("dns.google (8.8.8.8)");

            AsInfo level3 = e.as(a("4.69.0.2")).orElseThrow();
            assertThat(level3.number()).isEqualTo(3356);
            assertThat(level3.name()).isEqualTo("LEVEL3 - Level 3 Parent, LLC, US");
            assertThat(level3.prefix()).isEqualTo("4.0.0.0/9");
            assertThat(level3.country()).isEqualTo("US");
            assertThat(level3.registry()).isEqualTo("arin");
            assertThat(e.asText(a("8.8.8.8"))).isEqualTo("AS15169 GOOGLE - Google LLC, US");
            assertThat(e.as(a("8.8.8.8")).orElseThrow().prefix()).isEqualTo("8.8.8.0/24");

            assertThat(e.asText(a("192.168.1.1"))).isEqualTo("private");
            assertThat(e.asText(a("100.64.0.1"))).isEqualTo("shared address space");
            assertThat(e.get(a("192.168.1.1")).orElseThrow().asState()).isEqualTo(LookupState.SKIPPED);
            assertThat(dns.queries()).noneMatch(q -> q.contains(".168.192.origin") || q.contains(".64.100.origin"));

            // Lookups under way at once share their queries: AS15169's name is asked once.
            assertThat(dns.queries().stream().filter(q -> q.startsWith("AS15169.")).count()).isEqualTo(1);

            List<AsSegment> segments = AsSegments.of(snap.hops(), e);
            assertThat(segments).extracting(AsSegment::label).containsExactly("private", "shared address space",
                    "AS3356 LEVEL3 - Level 3 Parent, LLC, US", "AS15169 GOOGLE - Google LLC, US");
            assertThat(segments).extracting(AsSegment::ttls)
                    .containsExactly(List.of(1), List.of(2), List.of(3, 4), List.of(5, 6));
        }
    }

    @Test
    void aDnsServerThatNeverAnswersDelaysNeitherTheTraceNorItsListeners() throws Exception {
        // Baseline: the same trace with no enricher at all.
        long baseline = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            trace(null);
            baseline = Math.min(baseline, System.nanoTime() - t0);
        }
        try (TestDnsServer dns = TestDnsServer.blackHole();
                Enricher enricher = Enricher.create(config(dns).timeout(Duration.ofSeconds(1)).build())) {
            AtomicLong slowestEvent = new AtomicLong();
            var listener = enricher.traceListener();
            long t0 = System.nanoTime();
            TraceSnapshot snap;
            try (FakePath net = demoPath()) {
                snap = new Tracer(settings(false), net, net.destination()).listener(ev -> {
                    long s = System.nanoTime();
                    listener.onEvent(ev);
                    slowestEvent.accumulateAndGet(System.nanoTime() - s, Math::max);
                }).run();
            }
            long traced = System.nanoTime() - t0;
            assertThat(snap.status()).isEqualTo(TraceStatus.REACHED);
            assertThat(snap.hops()).hasSize(6);
            // Enrichment must not delay the trace: well under one DNS timeout of difference.
            assertThat(traced).isLessThan(baseline * 2 + 250_000_000L);
            assertThat(slowestEvent.get()).isLessThan(50_000_000L);
            // The trace is over while the lookups are still waiting on the silent server.
            Enrichment during = enricher.snapshot();
            assertThat(during.addresses()).hasSize(6); // 6 hops, the target among them
            assertThat(during.settled()).isFalse();
            assertThat(during.displayName(a("8.8.8.8"))).isEqualTo("8.8.8.8");

            long w0 = System.nanoTime();
            Enrichment after = enricher.await(snap, enricher.worstCaseLookupTime());
            long waited = System.nanoTime() - w0;
            assertThat(after.settled()).isTrue();
            HostInfo google = after.get(a("8.8.8.8")).orElseThrow();
            assertThat(google.hostName()).isEmpty();
            assertThat(google.dnsState()).isEqualTo(LookupState.TIMED_OUT);
            assertThat(google.as()).isEmpty();
            assertThat(google.asState()).isEqualTo(LookupState.TIMED_OUT);
            assertThat(dns.queryCount()).isGreaterThan(0);
            assertThat(waited).isLessThan(enricher.worstCaseLookupTime().toNanos());
            System.out.printf("black-hole DNS: trace %.1f ms with enrichment vs %.1f ms without;"
                    + " slowest listener call %.3f ms; lookups settled (timed out) %.0f ms after the trace%n",
                    traced / 1e6, baseline / 1e6, slowestEvent.get() / 1e6, waited / 1e6);
        }
    }

    @Test
    void anAddressInsideALearnedPrefixNeedsNoOriginQuery() throws Exception {
        try (TestDnsServer dns = demoDns(); Enricher enricher = Enricher.create(config(dns).build())) {
            enricher.await(List.of(a("4.69.0.1")), Duration.ofSeconds(5));
            int before = dns.queryCount();
            HostInfo h = enricher.await(List.of(a("4.100.200.1")), Duration.ofSeconds(5)).get(a("4.100.200.1"))
                    .orElseThrow();
            assertThat(h.as().orElseThrow().number()).isEqualTo(3356);
            assertThat(h.as().orElseThrow().name()).isEqualTo("LEVEL3 - Level 3 Parent, LLC, US");
            assertThat(dns.queries().subList(before, dns.queryCount())).containsExactly("1.200.100.4.in-addr.arpa./PTR");
        }
    }

    @Test
    void numericModeSendsNoQueryButStillLabelsRanges() throws Exception {
        try (TestDnsServer dns = demoDns();
                Enricher enricher = Enricher.create(EnricherConfig.forTrace(settings(true)).toBuilder()
                        .dnsServer(dns.address()).build())) {
            TraceSnapshot snap = trace(enricher);
            Enrichment e = enricher.await(snap, Duration.ofSeconds(2));
            assertThat(e.settled()).isTrue();
            assertThat(dns.queryCount()).isZero();
            assertThat(e.hostName(a("8.8.8.8"))).isEmpty();
            assertThat(e.get(a("8.8.8.8")).orElseThrow().dnsState()).isEqualTo(LookupState.SKIPPED);
            assertThat(e.asText(a("192.168.1.1"))).isEqualTo("private");
            assertThat(enricher.dnsQueriesSent()).isZero();
        }
    }

    @Test
    void concurrentQueriesAreBoundedAndRepeatedAddressesAskedOnce() throws Exception {
        try (TestDnsServer dns = TestDnsServer.answering().delay(Duration.ofMillis(150));
                Enricher enricher = Enricher.create(config(dns).asLookups(false).maxConcurrent(3)
                        .timeout(Duration.ofSeconds(2)).build())) {
            List<InetAddress> addrs = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                dns.ptr("9.9.9." + i, "host" + i + ".example");
                addrs.add(a("9.9.9." + i));
            }
            for (int round = 0; round < 5; round++) {
                enricher.submitAll(addrs); // repeats change nothing
            }
            Enrichment e = enricher.await(addrs, Duration.ofSeconds(10));
            assertThat(e.settled()).isTrue();
            assertThat(e.hostName(a("9.9.9.7"))).contains("host7.example");
            assertThat(dns.queryCount()).isEqualTo(12);
            assertThat(dns.maxOutstanding()).isBetween(2, 3);
        }
    }

    @Test
    void missingRecordsAreNotFoundAndIpv6UsesOrigin6() throws Exception {
        try (TestDnsServer dns = TestDnsServer.answering()
                .ptr("2001:4860:4860::8888", "dns.google")
                .txt(Cymru.originQuery(a("2001:4860:4860::8888"), Cymru.DEFAULT_ZONE),
                        "15169 | 2001:4860::/32 | US | arin | 2005-03-14")
                .txt("AS15169.asn.cymru.com", "15169 | US | arin | 2000-03-30 | GOOGLE - Google LLC, US");
                Enricher enricher = Enricher.create(config(dns).build())) {
            List<EnrichmentListenerCall> calls = new CopyOnWriteArrayList<>();
            enricher.addListener(h -> calls.add(new EnrichmentListenerCall(h, Thread.currentThread().getName())));
            Enrichment e = enricher.await(List.of(a("2001:4860:4860::8888"), a("1.2.3.4")), Duration.ofSeconds(5));
            HostInfo v6 = e.get(a("2001:4860:4860::8888")).orElseThrow();
            assertThat(v6.hostName()).contains("dns.google");
            assertThat(v6.as().orElseThrow().number()).isEqualTo(15169);
            assertThat(v6.as().orElseThrow().prefix()).isEqualTo("2001:4860::/32");
            HostInfo none = e.get(a("1.2.3.4")).orElseThrow();
            assertThat(none.dnsState()).isEqualTo(LookupState.NOT_FOUND);
            assertThat(none.asState()).isEqualTo(LookupState.NOT_FOUND);
            assertThat(none.displayName()).isEqualTo("1.2.3.4");
            assertThat(dns.queries()).anyMatch(q -> q.endsWith(".origin6.asn.cymru.com./TXT"));
            assertThat(calls).anyMatch(c -> c.info().hostName().isPresent());
            assertThat(calls).allMatch(c -> c.thread().equals("hopscope-enrich"));
        }
    }

    @Test
    void failedLookupsAreRetriedOnlyAfterTheRetryDelay() throws Exception {
        try (TestDnsServer dns = TestDnsServer.blackHole();
                Enricher enricher = Enricher.create(config(dns).asLookups(false).attempts(1)
                        .timeout(Duration.ofMillis(200)).retryAfter(Duration.ofMillis(1500)).build())) {
            // retryAfter well above the scheduling jitter of a loaded 2-core CI machine.
            InetAddress x = a("9.9.9.9");
            enricher.await(List.of(x), Duration.ofSeconds(3));
            assertThat(enricher.snapshot().get(x).orElseThrow().dnsState()).isEqualTo(LookupState.TIMED_OUT);
            enricher.submit(x); // too early: no new query
            Thread.sleep(50);
            assertThat(dns.queryCount()).isEqualTo(1);
            Thread.sleep(1600);
            enricher.await(List.of(x), Duration.ofSeconds(3));
            assertThat(dns.queryCount()).isEqualTo(2);
        }
    }

    private record EnrichmentListenerCall(HostInfo info, String thread) {
    }
}
