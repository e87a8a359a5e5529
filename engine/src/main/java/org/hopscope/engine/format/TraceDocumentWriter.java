package org.hopscope.engine.format;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.hopscope.engine.HopscopeVersion;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceInfo;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.LinkSnapshot;
import org.hopscope.engine.trace.MplsEntry;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.Reply;
import org.hopscope.engine.trace.RttStats;
import org.hopscope.engine.trace.SentFields;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.TransportInfo;

/**
 * Writes a {@link TraceSnapshot} as a version-{@value TraceDocument#VERSION} trace document (JSON,
 * pretty-printed, keys in a fixed order, so the same snapshot always gives the same bytes). The
 * layout is documented in {@code docs/trace-document.md}.
 *
 * <p>Absent values are written as JSON {@code null}: NaN statistics (nothing received), the {@code -1}
 * "not present" integers of replies and sent fields, a running trace's end time, unknown host names.
 * Every key is always present. Fields marked "derived" in the documentation are written for readers'
 * convenience and ignored by {@link TraceDocumentReader}.
 */
public final class TraceDocumentWriter {
    private Function<InetAddress, String> hostNames = a -> null;
    private final java.util.Map<String, Section> sections = new java.util.LinkedHashMap<>();

    /** An optional top-level section (e.g. {@code enrichment}, {@code path_mtu}) written after {@code probes}. */
    @FunctionalInterface
    public interface Section {
        /** Writes the section's value (one JSON value: object, array or null). */
        void write(JsonWriter w) throws IOException;
    }

    /**
     * Adds the top-level key {@code key} after the required ones; readers that do not know it ignore it
     * (docs/trace-document.md, "Optional sections"). A later call with the same key replaces it.
     */
    public TraceDocumentWriter section(String key, Section section) {
        sections.put(Objects.requireNonNull(key), Objects.requireNonNull(section));
        return this;
    }

    /** Host names to record for addresses (null for unknown); by default none are known. */
    public TraceDocumentWriter hostNames(Function<InetAddress, String> names) {
        this.hostNames = Objects.requireNonNull(names);
        return this;
    }

    /** Writes {@code snapshot} with no host names. Does not close {@code out}. */
    public static void write(TraceSnapshot snapshot, Writer out) throws IOException {
        new TraceDocumentWriter().writeTo(snapshot, out);
    }

    /** The document for {@code snapshot}, with no host names. */
    public static String toJson(TraceSnapshot snapshot) {
        return new TraceDocumentWriter().json(snapshot);
    }

    /** The document for {@code snapshot} as a string. */
    public String json(TraceSnapshot snapshot) {
        StringWriter sw = new StringWriter();
        try {
            writeTo(snapshot, sw);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return sw.toString();
    }

    /** Writes the document for {@code snapshot}, followed by a newline. Does not close {@code out}. */
    public void writeTo(TraceSnapshot s, Writer out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.setIndent("  ");
        w.setHtmlSafe(false);
        w.setSerializeNulls(true);
        w.beginObject();
        w.name("schema").value(TraceDocument.SCHEMA);
        w.name("version").value(TraceDocument.VERSION);
        w.name("tool").beginObject();
        w.name("name").value(HopscopeVersion.NAME);
        w.name("version").value(s.toolVersion());
        w.endObject();

        TraceSettings st = s.settings();
        w.name("target").beginObject();
        w.name("typed").value(st.target());
        address(w, "address", s.resolvedAddress());
        name(w, s.resolvedAddress());
        w.endObject();
        w.name("source").beginObject();
        address(w, "address", s.sourceAddress());
        name(w, s.sourceAddress());
        w.endObject();

        settings(w, st);
        transport(w, s.transport());

        w.name("start");
        time(w, s.startedEpochMicros());
        w.name("end");
        if (s.finishedEpochMicros() < 0) {
            w.nullValue();
        } else {
            time(w, s.finishedEpochMicros());
        }
        w.name("duration_ms");
        if (s.finishedEpochMicros() < 0) {
            w.nullValue();
        } else {
            w.jsonValue(DocumentValues.millisText((s.finishedEpochMicros() - s.startedEpochMicros()) * 1000L));
        }
        w.name("status").value(DocumentValues.enumName(s.status()));
        w.name("status_detail").value(s.statusDetail() == null ? "" : s.statusDetail());
        w.name("probes_sent").value(s.probesSent());
        w.name("unmatched_replies").value(s.unmatchedReplies());

        w.name("hops").beginArray();
        for (HopSnapshot h : s.hops()) {
            hop(w, h);
        }
        w.endArray();
        w.name("links").beginArray();
        for (LinkSnapshot l : s.links()) {
            link(w, l);
        }
        w.endArray();
        w.name("probes").beginArray();
        for (ProbeRecord p : s.probes()) {
            probe(w, p);
        }
        w.endArray();
        for (java.util.Map.Entry<String, Section> e : sections.entrySet()) {
            w.name(e.getKey());
            e.getValue().write(w);
        }
        AnalysisSections.write(w, s);
        w.endObject();
        w.flush();
        out.write('\n');
        out.flush();
    }

    private void settings(JsonWriter w, TraceSettings st) throws IOException {
        w.name("settings").beginObject();
        w.name("ip_version").value(st.ipVersion());
        w.name("protocol").value(DocumentValues.enumName(st.protocol()));
        w.name("method").value(DocumentValues.enumName(st.method()));
        w.name("algorithm").value(DocumentValues.enumName(st.algorithm()));
        w.name("first_ttl").value(st.firstTtl());
        w.name("max_ttl").value(st.maxTtl());
        w.name("max_missing_hops").value(st.maxMissingHops());
        w.name("probes_per_hop").value(st.probesPerHop());
        w.name("source_port").value(st.sourcePort());
        w.name("destination_port").value(st.destinationPort());
        w.name("tos").value(st.tos());
        w.name("flow_label").value(st.flowLabel());
        w.name("initial_probe_id").value(st.initialProbeId());
        w.name("packet_length").value(st.packetLength());
        w.name("wait_ms").jsonValue(DocumentValues.millisText(st.waitTime().toNanos()));
        w.name("delay_ms").jsonValue(DocumentValues.millisText(st.delay().toNanos()));
        w.name("grace_ms").jsonValue(DocumentValues.millisText(st.grace().toNanos()));
        w.name("numeric").value(st.numeric());
        w.endObject();
    }

    private static void transport(JsonWriter w, TransportInfo t) throws IOException {
        w.name("transport").beginObject();
        w.name("kind").value(DocumentValues.enumName(t.kind()));
        w.name("name").value(t.name());
        w.name("protocols").beginArray();
        for (var p : t.protocols().stream().sorted().toList()) {
            w.value(DocumentValues.enumName(p));
        }
        w.endArray();
        w.name("ipv6").value(t.ipv6());
        w.name("full_header_control").value(t.fullHeaderControl());
        w.name("limitations").beginArray();
        for (String l : t.limitations()) {
            w.value(l);
        }
        w.endArray();
        w.endObject();
    }

    private static void time(JsonWriter w, long epochMicros) throws IOException {
        w.beginObject();
        w.name("time").value(DocumentValues.isoTime(epochMicros));
        w.name("epoch_us").value(epochMicros);
        w.endObject();
    }

    private void hop(JsonWriter w, HopSnapshot h) throws IOException {
        w.beginObject();
        w.name("ttl").value(h.ttl().value());
        w.name("pending").value(h.pending());
        w.name("silent").value(h.silent());
        w.name("reached_destination").value(h.reachedDestination());
        w.name("stats");
        stats(w, h.stats());
        w.name("interfaces").beginArray();
        for (InterfaceSnapshot i : h.interfaces()) {
            w.beginObject();
            address(w, "address", i.address());
            name(w, i.address());
            w.name("destination").value(i.isDestination());
            w.name("replies").value(i.replies());
            w.name("flows");
            flows(w, i.flows());
            w.name("stats");
            stats(w, i.stats());
            w.name("quoted_ttls");
            ints(w, i.quotedTtls());
            w.name("reply_ttls");
            ints(w, i.replyTtls());
            w.name("mpls_stacks").beginArray();
            for (List<MplsEntry> stack : i.mplsStacks()) {
                mpls(w, stack);
            }
            w.endArray();
            w.name("marks").beginArray();
            for (String m : i.marks()) {
                w.value(m);
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }

    private static void link(JsonWriter w, LinkSnapshot l) throws IOException {
        w.beginObject();
        w.name("from_ttl").value(l.fromTtl().value());
        w.name("to_ttl").value(l.fromTtl().value() + 1);
        address(w, "from", l.from());
        address(w, "to", l.to());
        w.name("flows");
        flows(w, l.flows());
        w.endObject();
    }

    private static void probe(JsonWriter w, ProbeRecord p) throws IOException {
        w.beginObject();
        w.name("sequence").value(p.sequence());
        w.name("probe_id").value(p.probeId().value());
        w.name("flow").value(p.flowId().value());
        w.name("ttl").value(p.ttl().value());
        w.name("column").value(p.column());
        w.name("protocol").value(DocumentValues.enumName(p.protocol()));
        SentFields f = p.sent();
        w.name("sent").beginObject();
        address(w, "source", f.source());
        address(w, "destination", f.destination());
        w.name("tos").value(f.tos());
        optional(w, "flow_label", f.flowLabel());
        optional(w, "ip_id", f.ipId());
        w.name("source_port").value(f.sourcePort());
        optional(w, "destination_port", f.destinationPort());
        optional(w, "checksum", f.checksum());
        optional(w, "sequence", f.sequence());
        w.name("length").value(f.length());
        w.endObject();
        w.name("sent_ns").value(p.sentNanos());
        w.name("sent_time").value(DocumentValues.isoTime(p.sentEpochMicros()));
        w.name("sent_epoch_us").value(p.sentEpochMicros());
        w.name("outcome").value(DocumentValues.enumName(p.outcome()));
        w.name("reply");
        if (p.reply() == null) {
            w.nullValue();
        } else {
            reply(w, p.reply());
        }
        w.name("error").value(p.error());
        w.endObject();
    }

    private static void reply(JsonWriter w, Reply r) throws IOException {
        w.beginObject();
        address(w, "from", r.from());
        w.name("kind").value(DocumentValues.enumName(r.kind()));
        optional(w, "icmp_type", r.icmpType());
        optional(w, "icmp_code", r.icmpCode());
        w.name("received_ns").value(r.receivedNanos());
        w.name("rtt_ms").jsonValue(DocumentValues.millisText(r.rttNanos()));
        optional(w, "reply_ttl", r.replyTtl());
        optional(w, "reply_ip_id", r.replyIpId());
        optional(w, "quoted_ttl", r.quotedTtl());
        optional(w, "quoted_ip_id", r.quotedIpId());
        optional(w, "quoted_checksum", r.quotedChecksum());
        address(w, "quoted_source", r.quotedSource());
        w.name("from_destination").value(r.fromDestination());
        optional(w, "mtu", r.mtu());
        String mark = r.unreachableMark();
        w.name("mark").value(mark.isEmpty() ? null : mark);
        w.name("mpls");
        mpls(w, r.mpls());
        w.name("interfaces").beginArray();
        for (InterfaceInfo i : r.interfaces()) {
            w.beginObject();
            w.name("role").value(i.role());
            w.name("role_name").value(i.roleName());
            optional(w, "if_index", i.ifIndex());
            w.name("address").value(i.address());
            w.name("name").value(i.name());
            optional(w, "mtu", i.mtu());
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }

    private static void stats(JsonWriter w, RttStats s) throws IOException {
        w.beginObject();
        w.name("sent").value(s.sent());
        w.name("received").value(s.received());
        number(w, "loss_percent", s.lossPercent());
        number(w, "last_ms", s.lastMs());
        number(w, "min_ms", s.minMs());
        number(w, "avg_ms", s.avgMs());
        number(w, "max_ms", s.maxMs());
        number(w, "stddev_ms", s.stddevMs());
        number(w, "jitter_ms", s.jitterMs());
        number(w, "jitter_max_ms", s.jitterMaxMs());
        w.endObject();
    }

    private static void mpls(JsonWriter w, List<MplsEntry> stack) throws IOException {
        w.beginArray();
        for (MplsEntry e : stack) {
            w.beginObject();
            w.name("label").value(e.label());
            w.name("traffic_class").value(e.trafficClass());
            w.name("bottom_of_stack").value(e.bottomOfStack());
            w.name("ttl").value(e.ttl());
            w.endObject();
        }
        w.endArray();
    }

    private static void flows(JsonWriter w, Collection<FlowId> flows) throws IOException {
        w.beginArray();
        for (FlowId f : flows.stream().sorted(Comparator.naturalOrder()).toList()) {
            w.value(f.value());
        }
        w.endArray();
    }

    private static void ints(JsonWriter w, Collection<Integer> values) throws IOException {
        w.beginArray();
        for (int v : values) {
            w.value(v);
        }
        w.endArray();
    }

    private static void number(JsonWriter w, String key, double v) throws IOException {
        w.name(key);
        if (Double.isFinite(v)) {
            w.value(v);
        } else {
            w.nullValue();
        }
    }

    private static void optional(JsonWriter w, String key, long v) throws IOException {
        w.name(key);
        if (v == -1) {
            w.nullValue();
        } else {
            w.value(v);
        }
    }

    private static void address(JsonWriter w, String key, InetAddress a) throws IOException {
        w.name(key).value(a == null ? null : DocumentValues.addressText(a));
    }

    private void name(JsonWriter w, InetAddress a) throws IOException {
        w.name("name").value(a == null ? null : hostNames.apply(a));
    }
}
