package org.hopscope.engine.netns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.enrich.AsInfo;
import org.hopscope.engine.enrich.Enricher;
import org.hopscope.engine.enrich.EnricherConfig;
import org.hopscope.engine.enrich.Enrichment;
import org.hopscope.engine.format.EnrichmentSections;
import org.hopscope.engine.format.TraceDocumentWriter;
import org.hopscope.engine.format.TraceTextRenderer;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.datagram.DatagramTransport;

/**
 * An enriched trace as a program, for a child JVM inside a namespace: {@code target=ADDR dns=ADDR:PORT
 * zone=ZONE}. Traces over the datagram transport (ICMP) with an {@link Enricher} asking that server,
 * waits at most 1.5 s after the trace, prints the text rendering, a line {@code ---}, then the trace
 * document with its enrichment section, then {@code TRACE_MS n} (the trace alone), {@code
 * OUTPUT_AFTER_TRACE_MS n} (from the trace's end to the printed output) and {@code WALL_MS n}.
 */
public final class EnrichedTraceMain {
    private EnrichedTraceMain() {
    }

    public static void main(String[] args) throws Exception {
        String target = null;
        String dns = null;
        String zone = null;
        for (String a : args) {
            String v = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("target=")) {
                target = v;
            } else if (a.startsWith("dns=")) {
                dns = v;
            } else if (a.startsWith("zone=")) {
                zone = v;
            }
        }
        int colon = dns.lastIndexOf(':');
        TraceSettings s = TraceSettings.builder(target).protocol(ProbeProtocol.ICMP).maxTtl(8)
                .waitTime(Duration.ofSeconds(1)).grace(Duration.ofMillis(50)).build();
        EnricherConfig c = EnricherConfig.forTrace(s).toBuilder()
                .dnsServer(new InetSocketAddress(InetAddress.getByName(dns.substring(0, colon)),
                        Integer.parseInt(dns.substring(colon + 1))))
                .cymruZone(zone).timeout(Duration.ofMillis(500)).attempts(2).build();
        long wall0 = System.nanoTime();
        try (ProbeTransport t = DatagramTransport.open(); Enricher enricher = Enricher.create(c)) {
            Tracer tracer = new Tracer(s, t, InetAddress.getByName(target)).listener(enricher.traceListener());
            long t0 = System.nanoTime();
            TraceSnapshot snap = tracer.run();
            long traceMs = (System.nanoTime() - t0) / 1_000_000;
            Enrichment e = enricher.await(snap, Duration.ofMillis(1500));
            System.out.print(new TraceTextRenderer().hostNames(a -> e.hostName(a).orElse(null))
                    .asLabels(a -> e.as(a).map(AsInfo::toString).orElse(null)).render(snap));
            System.out.println("---");
            System.out.print(new TraceDocumentWriter().hostNames(a -> e.hostName(a).orElse(null))
                    .section(EnrichmentSections.ENRICHMENT, EnrichmentSections.enrichment(snap, e)).json(snap));
            System.out.println("---");
            System.out.println("TRACE_MS " + traceMs);
            System.out.println("OUTPUT_AFTER_TRACE_MS " + ((System.nanoTime() - t0) / 1_000_000 - traceMs));
        }
        System.out.println("WALL_MS " + (System.nanoTime() - wall0) / 1_000_000);
    }
}
