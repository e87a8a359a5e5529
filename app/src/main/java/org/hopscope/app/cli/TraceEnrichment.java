package org.hopscope.app.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.hopscope.engine.enrich.AsInfo;
import org.hopscope.engine.enrich.Enricher;
import org.hopscope.engine.enrich.EnricherConfig;
import org.hopscope.engine.enrich.Enrichment;
import org.hopscope.engine.enrich.GeoIpDatabase;
import org.hopscope.engine.enrich.GeoIpException;
import org.hopscope.engine.format.EnrichmentSections;
import org.hopscope.engine.format.TraceDocumentWriter;
import org.hopscope.engine.format.TraceTextRenderer;
import org.hopscope.engine.pmtu.PathMtuDiscovery;
import org.hopscope.engine.pmtu.PathMtuResult;
import org.hopscope.engine.pmtu.PmtuOptions;
import org.hopscope.engine.trace.TraceListener;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/**
 * What {@code hopscope trace} adds to a trace: names and AS numbers (unless {@code -n}), locations
 * ({@code --geoip}), the MTU per hop ({@code --mtu}). Lookups run beside the trace on the enricher's
 * thread and never hold it up; after the trace the command waits at most {@link #MAX_SETTLE} for the
 * lookups still under way, then prints what is known (addresses alone for the rest).
 */
final class TraceEnrichment implements AutoCloseable {
    /** The longest the printed output waits for DNS after the trace: traceroute users expect the result now. */
    static final Duration MAX_SETTLE = Duration.ofMillis(1500);

    private final Enricher enricher; // null: nothing to look up
    private final boolean mtu;
    private Enrichment known = Enrichment.EMPTY;
    private PathMtuResult mtuResult;

    private TraceEnrichment(Enricher enricher, boolean mtu) {
        this.enricher = enricher;
        this.mtu = mtu;
    }

    /**
     * Starts the enricher these options ask for. A simulated network's addresses are looked up only
     * when {@code --dns-server} names a server: they mean nothing to the system's resolver.
     *
     * @throws UsageException when the GeoIP file cannot be used (its message says why)
     */
    static TraceEnrichment start(TraceSettings settings, EnrichmentOptions o, boolean simulated) throws UsageException {
        GeoIpDatabase geo = null;
        if (o.geoIp() != null) {
            try {
                geo = GeoIpDatabase.open(o.geoIp());
            } catch (GeoIpException e) {
                throw new UsageException("--geoip: " + e.getMessage());
            }
        }
        boolean dns = !settings.numeric() && (!simulated || o.dnsServer() != null);
        if (!dns && geo == null) {
            return new TraceEnrichment(null, o.mtu());
        }
        EnricherConfig.Builder b = EnricherConfig.forTrace(settings).toBuilder().geoIp(geo);
        if (!dns) {
            b.reverseDns(false).asLookups(false);
        } else if (o.dnsServer() != null) {
            b.dnsServer(o.dnsServer());
        }
        if (o.asZone() != null) {
            b.cymruZone(o.asZone());
        }
        return new TraceEnrichment(Enricher.create(b.build()), o.mtu());
    }

    /** Attach to the tracer: submits answering addresses, returns at once. */
    TraceListener listener() {
        return enricher == null ? event -> { } : enricher.traceListener();
    }

    /** Runs path-MTU discovery when {@code --mtu} asked for it; a failure is reported on {@code err}. */
    void discoverMtu(TraceSettings settings, ProbeTransport transport, InetAddress target, PrintStream err) {
        if (!mtu) {
            return;
        }
        try {
            mtuResult = new PathMtuDiscovery(settings, PmtuOptions.defaults(), transport, target).run();
            if (enricher != null) {
                mtuResult.hops().forEach(h -> h.address().ifPresent(enricher::submit));
            }
        } catch (TransportException e) {
            err.println("hopscope: path MTU discovery failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (bounded) for the lookups of the trace's addresses, then keeps what is known. */
    void settle(TraceSnapshot snapshot) {
        if (enricher == null) {
            return;
        }
        Duration wait = enricher.worstCaseLookupTime().compareTo(MAX_SETTLE) < 0 ? enricher.worstCaseLookupTime()
                : MAX_SETTLE;
        try {
            known = enricher.await(snapshot, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            known = enricher.snapshot();
        }
    }

    Enrichment known() {
        return known;
    }

    TraceTextRenderer decorate(TraceTextRenderer r) {
        Enrichment e = known;
        return r.hostNames(a -> e.hostName(a).orElse(null)).asLabels(a -> e.as(a).map(AsInfo::toString).orElse(null));
    }

    TraceDocumentWriter decorate(TraceDocumentWriter w, TraceSnapshot snapshot) {
        Enrichment e = known;
        w.hostNames(a -> e.hostName(a).orElse(null));
        if (enricher != null) {
            w.section(EnrichmentSections.ENRICHMENT, EnrichmentSections.enrichment(snapshot, e));
        }
        if (mtuResult != null) {
            w.section(EnrichmentSections.PATH_MTU, EnrichmentSections.pathMtu(mtuResult));
        }
        return w;
    }

    List<String> mtuLines() {
        return mtuResult == null ? List.of() : EnrichmentSections.pathMtuLines(mtuResult);
    }

    @Override
    public void close() {
        if (enricher != null) {
            enricher.close();
        }
    }
}
