package org.hopscope.engine.check;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hopscope.engine.HopscopeVersion;
import org.hopscope.engine.format.AddressLiterals;
import org.hopscope.engine.format.TraceDocumentWriter;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * The check report as JSON ({@code hopscope-check} version 1, docs/check.md) and as the plain-text
 * summary for a ticket body. Each target's full trace is embedded as a trace document
 * (docs/trace-document.md) so the helpdesk opens it in Hopscope.
 */
public final class CheckReportWriter {
    public static final String SCHEMA = "hopscope-check";
    public static final int VERSION = 1;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final PrivacyMask mask;

    public CheckReportWriter(PrivacyMask mask) {
        this.mask = mask;
    }

    public String json(CheckReport r) {
        StringWriter sw = new StringWriter();
        try {
            writeJson(r, sw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    public void writeJson(CheckReport r, Writer out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.setIndent("  ");
        w.setSerializeNulls(true);
        w.setHtmlSafe(false);
        w.beginObject();
        w.name("schema").value(SCHEMA);
        w.name("version").value(VERSION);
        w.name("tool").beginObject().name("name").value(HopscopeVersion.NAME).name("version")
                .value(HopscopeVersion.VERSION).endObject();
        w.name("started").value(r.started().toString());
        w.name("duration_ms").value(Math.round(r.durationMs()));
        w.name("budget_ms").value(r.budgetMs());
        w.name("status").value(lower(r.status()));
        NetworkEnvironment e = r.environment();
        w.name("machine").beginObject();
        w.name("masked").value(mask.enabled());
        w.name("os").value(e.os());
        w.name("host_name").value(mask.hostName(e.hostName()));
        w.name("interface").value(e.gatewayInterface());
        w.name("local_address").value(text(mask.address(e.localAddress())));
        // Finding the public address needs an outside service; the check asks none (see docs/check.md).
        w.name("public_address").nullValue();
        w.name("gateway").value(text(e.gateway()));
        w.name("dns_servers").beginArray();
        for (InetAddress a : e.dnsServers()) {
            w.value(AddressLiterals.format(a));
        }
        w.endArray();
        w.endObject();
        w.name("transport").value(r.transport());
        w.name("targets").beginArray();
        for (TargetCheck t : r.targets()) {
            target(w, t, e);
        }
        w.endArray();
        w.endObject();
        w.flush();
        out.write('\n');
        out.flush();
    }

    private void target(JsonWriter w, TargetCheck t, NetworkEnvironment env) throws IOException {
        w.beginObject();
        w.name("target").value(t.target().toString());
        w.name("host").value(t.target().host());
        w.name("port").value(t.target().port());
        w.name("address").value(text(t.address()));
        w.name("status").value(lower(t.status()));
        NameResolution d = t.dns();
        w.name("dns").beginObject();
        w.name("outcome").value(lower(d.outcome()));
        w.name("ms").value(round(d.millis()));
        w.name("server").value(text(d.server()));
        w.name("addresses").beginArray();
        for (InetAddress a : d.addresses()) {
            w.value(AddressLiterals.format(a));
        }
        w.endArray();
        w.name("detail").value(d.detail());
        w.endObject();
        TcpConnect c = t.connect();
        w.name("connect").beginObject();
        w.name("outcome").value(lower(c.outcome()));
        w.name("ms");
        if (Double.isFinite(c.millis())) {
            w.value(round(c.millis()));
        } else {
            w.nullValue();
        }
        w.name("detail").value(c.detail());
        w.endObject();
        w.name("verdicts").beginArray();
        for (SegmentVerdict v : t.verdicts()) {
            w.beginObject();
            w.name("segment").value(lower(v.segment()));
            w.name("status").value(lower(v.status()));
            w.name("reason").value(lower(v.reason()));
            w.name("sentence").value(v.sentence());
            w.name("ttls").beginArray();
            for (int ttl : v.ttls()) {
                w.value(ttl);
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.name("path");
        if (t.path().isEmpty()) {
            w.nullValue();
        } else {
            path(w, t.path().get(), t, env);
        }
        w.name("path_detail").value(t.pathDetail());
        w.endObject();
    }

    private void path(JsonWriter w, PathMeasurement p, TargetCheck t, NetworkEnvironment env) throws IOException {
        Map<SegmentKind, List<Integer>> bySegment = new java.util.EnumMap<>(SegmentKind.class);
        for (SegmentVerdict v : t.verdicts()) {
            bySegment.put(v.segment(), v.ttls());
        }
        w.beginObject();
        w.name("protocol").value(lower(p.protocol()));
        w.name("rounds").value(p.rounds());
        w.name("reached").value(p.reached());
        w.name("attempts").beginArray();
        for (ProtocolAttempt a : p.attempts()) {
            w.beginObject();
            w.name("protocol").value(lower(a.protocol()));
            w.name("port").value(a.port());
            w.name("ran").value(a.ran());
            w.name("reached").value(a.reached());
            w.name("last_answered_ttl").value(a.lastAnsweredTtl());
            w.name("detail").value(a.detail());
            w.endObject();
        }
        w.endArray();
        w.name("hops").beginArray();
        for (HopSnapshot h : p.trace().hops()) {
            int ttl = h.ttl().value();
            w.beginObject();
            w.name("ttl").value(ttl);
            InetAddress first = h.interfaces().isEmpty() ? null : h.interfaces().get(0).address();
            w.name("address").value(first == null ? null : AddressLiterals.format(first));
            w.name("name").value(first == null ? null : t.enrichment().hostName(first).orElse(null));
            w.name("asn");
            if (first != null && t.enrichment().as(first).isPresent()) {
                w.value(t.enrichment().as(first).get().number());
            } else {
                w.nullValue();
            }
            w.name("sent").value(h.stats().sent());
            w.name("received").value(h.stats().received());
            w.name("loss_percent").value(round(h.stats().lossPercent()));
            w.name("avg_ms");
            if (Double.isFinite(h.stats().avgMs())) {
                w.value(round(h.stats().avgMs()));
            } else {
                w.nullValue();
            }
            w.name("segment").value(bySegment.entrySet().stream().filter(x -> x.getValue().contains(ttl))
                    .map(x -> lower(x.getKey())).findFirst().orElse(null));
            w.endObject();
        }
        w.endArray();
        org.hopscope.engine.enrich.Enrichment e = t.enrichment();
        TraceDocumentWriter tw = new TraceDocumentWriter().hostNames(a -> e.hostName(a).orElse(null));
        if (!e.addresses().isEmpty()) {
            tw.section(org.hopscope.engine.format.EnrichmentSections.ENRICHMENT,
                    org.hopscope.engine.format.EnrichmentSections.enrichment(p.trace(), e));
        }
        String doc = tw.json(p.trace()).strip();
        if (mask.enabled() && p.trace().sourceAddress() != null) {
            // The trace's own source is the user's address: masked like machine.local_address.
            doc = doc.replace("\"" + AddressLiterals.format(p.trace().sourceAddress()) + "\"",
                    "\"" + AddressLiterals.format(mask.address(p.trace().sourceAddress())) + "\"");
        }
        w.name("trace").jsonValue(doc);
        w.endObject();
    }

    /** The text summary for a ticket body: a header, then per target its line and one line per segment. */
    public String text(CheckReport r) {
        StringBuilder b = new StringBuilder();
        NetworkEnvironment e = r.environment();
        b.append("Hopscope connectivity check, ").append(TIME.format(r.started())).append(": ")
                .append(r.status().name()).append('\n');
        b.append("Machine: ").append(e.os());
        if (!e.hostName().isEmpty()) {
            b.append(", ").append(mask.hostName(e.hostName()));
        }
        b.append('\n');
        b.append("Network: interface ").append(e.gatewayInterface().isEmpty() ? "?" : e.gatewayInterface())
                .append(", address ").append(Optional.ofNullable(text(mask.address(e.localAddress()))).orElse("?"))
                .append(mask.enabled() ? " (masked)" : "").append(", gateway ")
                .append(Optional.ofNullable(text(e.gateway())).orElse("none")).append(", DNS ")
                .append(e.dnsServers().isEmpty() ? "none"
                        : String.join(" ", e.dnsServers().stream().map(AddressLiterals::format).toList()))
                .append('\n');
        b.append(String.format(Locale.ROOT, "Ran %.1f s (budget %d s), %s%n", r.durationMs() / 1000,
                r.budgetMs() / 1000, r.transport().isEmpty() ? "no probing transport" : r.transport()));
        for (TargetCheck t : r.targets()) {
            b.append('\n').append(t.target()).append(t.address().map(a -> " (" + AddressLiterals.format(a) + ")").orElse(""))
                    .append(": ").append(t.status().name());
            t.path().ifPresent(p -> b.append(String.format(Locale.ROOT, ", traced over %s, %d rounds%s",
                    p.protocol().cliName().toUpperCase(Locale.ROOT), p.rounds(),
                    p.fellBack() ? " (after other protocols were filtered)" : "")
                    + (p.reached() ? "" : ", probes did not reach it")));
            b.append('\n');
            for (SegmentVerdict v : t.verdicts()) {
                b.append(String.format(Locale.ROOT, "  %-9s %-20s %s%n", "[" + v.status().name() + "]",
                        label(v.segment()), v.sentence()));
            }
        }
        return b.toString();
    }

    static String label(SegmentKind k) {
        return switch (k) {
            case LOCAL_NETWORK -> "Local network";
            case ISP_EDGE -> "ISP edge";
            case TRANSIT -> "Transit";
            case DESTINATION_NETWORK -> "Destination network";
            case SERVICE -> "Service";
        };
    }

    private static String text(Optional<InetAddress> a) {
        return a.map(AddressLiterals::format).orElse(null);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : 0;
    }
}
