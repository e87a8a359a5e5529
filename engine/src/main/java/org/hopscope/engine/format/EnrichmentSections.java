package org.hopscope.engine.format;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hopscope.engine.enrich.AsInfo;
import org.hopscope.engine.enrich.AsSegment;
import org.hopscope.engine.enrich.AsSegments;
import org.hopscope.engine.enrich.Enrichment;
import org.hopscope.engine.enrich.GeoInfo;
import org.hopscope.engine.enrich.HostInfo;
import org.hopscope.engine.enrich.ReservedRange;
import org.hopscope.engine.pmtu.HopMtu;
import org.hopscope.engine.pmtu.PathMtuResult;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * The optional {@code enrichment} and {@code path_mtu} sections of a trace document
 * (docs/trace-document.md, "Optional sections"). Use with {@link TraceDocumentWriter#section}:
 * <pre>
 * new TraceDocumentWriter().hostNames(a -> e.hostName(a).orElse(null))
 *         .section(EnrichmentSections.ENRICHMENT, EnrichmentSections.enrichment(snapshot, e))
 *         .section(EnrichmentSections.PATH_MTU, EnrichmentSections.pathMtu(result))
 * </pre>
 * Every key is always present; unknown values are {@code null}, as in the rest of the document.
 */
public final class EnrichmentSections {
    public static final String ENRICHMENT = "enrichment";
    public static final String PATH_MTU = "path_mtu";

    private EnrichmentSections() {
    }

    /** Names, ASes, reserved-range labels and locations of the trace's addresses, plus its AS segments. */
    public static TraceDocumentWriter.Section enrichment(TraceSnapshot trace, Enrichment e) {
        return w -> {
            w.beginObject();
            w.name("geo_available").value(e.geoAvailable());
            w.name("addresses").beginArray();
            for (InetAddress a : org.hopscope.engine.enrich.Enricher.addresses(trace)) {
                address(w, a, e);
            }
            w.endArray();
            w.name("as_segments").beginArray();
            for (AsSegment s : AsSegments.of(trace.hops(), e)) {
                w.beginObject();
                w.name("asn");
                if (s.as().isPresent()) {
                    w.value(s.as().get().number());
                } else {
                    w.nullValue();
                }
                w.name("label").value(s.label());
                w.name("first_ttl").value(s.firstTtl());
                w.name("last_ttl").value(s.lastTtl());
                w.endObject();
            }
            w.endArray();
            w.endObject();
        };
    }

    private static void address(JsonWriter w, InetAddress a, Enrichment e) throws IOException {
        Optional<HostInfo> info = e.get(a);
        Optional<AsInfo> as = e.as(a);
        w.beginObject();
        w.name("address").value(DocumentValues.addressText(a));
        w.name("hostname").value(e.hostName(a).orElse(null));
        w.name("dns_state").value(info.map(i -> i.dnsState().name().toLowerCase(Locale.ROOT)).orElse(null));
        w.name("asn");
        if (as.isPresent()) {
            w.value(as.get().number());
        } else {
            w.nullValue();
        }
        w.name("as_name").value(as.map(AsInfo::name).filter(n -> !n.isEmpty()).orElse(null));
        w.name("prefix").value(as.map(AsInfo::prefix).filter(n -> !n.isEmpty()).orElse(null));
        w.name("as_country").value(as.map(AsInfo::country).filter(n -> !n.isEmpty()).orElse(null));
        w.name("registry").value(as.map(AsInfo::registry).filter(n -> !n.isEmpty()).orElse(null));
        w.name("as_state").value(info.map(i -> i.asState().name().toLowerCase(Locale.ROOT)).orElse(null));
        w.name("reserved").value(e.reserved(a).map(ReservedRange::label).orElse(null));
        w.name("geo");
        Optional<GeoInfo> g = e.geo(a);
        if (g.isEmpty()) {
            w.nullValue();
        } else {
            w.beginObject();
            w.name("country").value(emptyToNull(g.get().countryCode()));
            w.name("city").value(emptyToNull(g.get().city()));
            w.name("lat");
            coordinate(w, g.get().hasLocation(), g.get().latitude());
            w.name("lon");
            coordinate(w, g.get().hasLocation(), g.get().longitude());
            w.endObject();
        }
        w.endObject();
    }

    /** Per-hop MTU (the path through the link after each hop), as {@code hopscope trace --mtu} found it. */
    public static TraceDocumentWriter.Section pathMtu(PathMtuResult r) {
        return w -> {
            w.beginObject();
            w.name("start_size").value(r.startSize());
            w.name("first_link_mtu");
            if (r.firstLinkMtu() < 0) {
                w.nullValue();
            } else {
                w.value(r.firstLinkMtu());
            }
            w.name("path_mtu").value(r.pathMtu());
            w.name("reached_destination").value(r.reachedDestination());
            w.name("probes_sent").value(r.probesSent());
            w.name("detail").value(r.detail());
            w.name("hops").beginArray();
            for (HopMtu h : r.hops()) {
                w.beginObject();
                w.name("ttl").value(h.ttl());
                w.name("address").value(h.address().map(DocumentValues::addressText).orElse(null));
                w.name("mtu").value(h.mtu());
                w.name("reduced_here").value(h.reducedHere());
                w.name("evidence").value(h.evidence().name().toLowerCase(Locale.ROOT));
                w.name("reported_mtu");
                if (h.reportedMtu().isPresent()) {
                    w.value(h.reportedMtu().getAsInt());
                } else {
                    w.nullValue();
                }
                w.name("destination").value(h.destination());
                w.endObject();
            }
            w.endArray();
            w.endObject();
        };
    }

    /** Lines for the text output after the hops: {@code Path MTU 1400 (narrower after hop 1: ...)} and per hop. */
    public static List<String> pathMtuLines(PathMtuResult r) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Path MTU %d (first link %s, %d probes%s)", r.pathMtu(),
                r.firstLinkMtu() < 0 ? "unknown" : Integer.toString(r.firstLinkMtu()), r.probesSent(),
                r.reachedDestination() ? "" : ", destination not reached"));
        for (HopMtu h : r.hops()) {
            lines.add(String.format(Locale.ROOT, "%2d %-39s mtu %5d  %s%s", h.ttl(),
                    h.address().map(DocumentValues::addressText).orElse("*"), h.mtu(),
                    h.evidence().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    h.reducedHere() ? "  <- narrower link after this hop" : "").stripTrailing());
        }
        return lines;
    }

    private static void coordinate(JsonWriter w, boolean known, double v) throws IOException {
        if (known && Double.isFinite(v)) {
            w.value(v);
        } else {
            w.nullValue();
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
