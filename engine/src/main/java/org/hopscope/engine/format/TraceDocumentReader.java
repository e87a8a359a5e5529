package org.hopscope.engine.format;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.format.TraceDocumentException.Reason;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.ProbeId;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.probe.Ttl;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceInfo;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.LinkSnapshot;
import org.hopscope.engine.trace.MplsEntry;
import org.hopscope.engine.trace.ProbeOutcome;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.Reply;
import org.hopscope.engine.trace.ReplyKind;
import org.hopscope.engine.trace.RttStats;
import org.hopscope.engine.trace.SentFields;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.TransportInfo;

/**
 * Reads a trace document written by {@link TraceDocumentWriter} back into an equal {@link
 * TraceSnapshot}. Strict: anything but a well-formed document of a version it knows is rejected with a
 * {@link TraceDocumentException} whose message names the problem and where it is; no other exception
 * escapes. Addresses must be literals: reading never touches the network. Unknown keys are ignored,
 * so documents from a newer build of the same version still read.
 */
public final class TraceDocumentReader {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,18})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,9})?");
    private static final Pattern WHERE = Pattern.compile("line (\\d+) column (\\d+)");
    private static final Pattern JSON_NUMBER =
            Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]{1,4})?");

    private TraceDocumentReader() {
    }

    /** Reads the snapshot in a trace document. Does not close {@code in}. */
    public static TraceSnapshot read(Reader in) throws TraceDocumentException {
        return readDocument(in).snapshot();
    }

    /** Reads a trace document: the snapshot and the host names it recorded. Does not close {@code in}. */
    public static TraceDocument readDocument(Reader in) throws TraceDocumentException {
        JsonElement root = parse(in);
        try {
            return new TraceDocumentReader().document(root);
        } catch (TraceDocumentException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // Defensive: every check above should have caught this already.
            throw new TraceDocumentException(Reason.INVALID,
                    "This trace document is damaged and cannot be read (" + e + ").", e);
        }
    }

    private static JsonElement parse(Reader in) throws TraceDocumentException {
        try {
            JsonReader r = new JsonReader(in);
            r.setStrictness(Strictness.STRICT);
            JsonElement root = JsonParser.parseReader(r);
            if (root.isJsonNull()) {
                throw new TraceDocumentException(Reason.CORRUPT,
                        "This file is not a valid trace document: it is empty.");
            }
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new TraceDocumentException(Reason.CORRUPT,
                        "This file is not a valid trace document: it has extra data after the JSON document.");
            }
            return root;
        } catch (JsonParseException | IOException | IllegalStateException | StackOverflowError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IOException io && !(cause instanceof com.google.gson.stream.MalformedJsonException)
                    && !(cause instanceof java.io.EOFException)) {
                throw new TraceDocumentException(Reason.IO, "Could not read the trace document: " + io.getMessage(),
                        e);
            }
            String raw = String.valueOf(cause.getMessage());
            java.util.regex.Matcher where = WHERE.matcher(raw);
            String why;
            if (cause instanceof java.io.EOFException || raw.contains("End of input")) {
                why = "the JSON ends too early (is the file truncated?)";
            } else if (where.find()) {
                why = "the JSON is damaged near line " + where.group(1) + ", column " + where.group(2);
            } else {
                why = "the JSON is damaged";
            }
            throw new TraceDocumentException(Reason.CORRUPT, "This file is not a valid trace document: " + why + ".",
                    e);
        }
    }

    private final Map<InetAddress, String> names = new HashMap<>();

    private TraceDocument document(JsonElement root) throws TraceDocumentException {
        if (!root.isJsonObject()) {
            throw new TraceDocumentException(Reason.NOT_A_TRACE,
                    "This file is not a Hopscope trace document (it is JSON, but not an object).");
        }
        Obj doc = new Obj(root.getAsJsonObject(), "");
        JsonElement schema = doc.o.get("schema");
        if (schema == null || !schema.isJsonPrimitive() || !schema.getAsJsonPrimitive().isString()
                || !TraceDocument.SCHEMA.equals(schema.getAsString())) {
            throw new TraceDocumentException(Reason.NOT_A_TRACE,
                    "This file is not a Hopscope trace document (its \"schema\" is not \""
                            + TraceDocument.SCHEMA + "\").");
        }
        long version = doc.lng("version");
        if (version > TraceDocument.VERSION) {
            throw new TraceDocumentException(Reason.NEWER_VERSION,
                    "This trace was written by a newer Hopscope (document version " + version
                            + "); this version reads up to " + TraceDocument.VERSION + ".");
        }
        if (version < 1) {
            throw doc.invalid("version", "document version " + version + " does not exist");
        }

        Obj tool = doc.obj("tool");
        String toolVersion = tool.str("version");
        tool.str("name");

        Obj target = doc.obj("target");
        String typed = target.str("typed");
        InetAddress resolved = target.address("address");
        hostName(target, "name", resolved);
        Obj source = doc.obj("source");
        InetAddress sourceAddress = source.optAddress("address");
        hostName(source, "name", sourceAddress);

        TraceSettings settings = settings(doc.obj("settings"), typed);
        TransportInfo transport = transport(doc.obj("transport"));

        long started = doc.obj("start").lng("epoch_us");
        Obj end = doc.optObj("end");
        long finished = end == null ? -1 : end.lng("epoch_us");
        TraceStatus status = doc.enumValue("status", TraceStatus.class);
        String detail = doc.str("status_detail");
        long probesSent = doc.lng("probes_sent");
        long unmatched = doc.lng("unmatched_replies");
        if (probesSent < 0 || unmatched < 0) {
            throw doc.invalid(probesSent < 0 ? "probes_sent" : "unmatched_replies", "must not be negative");
        }

        List<HopSnapshot> hops = new ArrayList<>();
        for (Obj h : doc.objects("hops")) {
            hops.add(hop(h));
        }
        List<LinkSnapshot> links = new ArrayList<>();
        for (Obj l : doc.objects("links")) {
            links.add(new LinkSnapshot(l.ttl("from_ttl"), l.address("from"), l.address("to"), l.flows("flows")));
        }
        List<ProbeRecord> probes = new ArrayList<>();
        for (Obj p : doc.objects("probes")) {
            probes.add(probe(p));
        }
        TraceSnapshot snapshot = doc.build("", () -> new TraceSnapshot(toolVersion, settings, resolved,
                sourceAddress, transport, started, finished, status, detail, hops, links, probes, probesSent,
                unmatched));
        return new TraceDocument(snapshot, names);
    }

    private void hostName(Obj o, String key, InetAddress address) throws TraceDocumentException {
        String name = o.optStr(key);
        if (name != null && address != null) {
            names.put(address, name);
        }
    }

    private static TraceSettings settings(Obj s, String typedTarget) throws TraceDocumentException {
        int ipVersion = s.integer("ip_version");
        ProbeProtocol protocol = s.enumValue("protocol", ProbeProtocol.class);
        ProbeMethod method = s.enumValue("method", ProbeMethod.class);
        Algorithm algorithm = s.enumValue("algorithm", Algorithm.class);
        int firstTtl = s.integer("first_ttl");
        int maxTtl = s.integer("max_ttl");
        int maxMissing = s.integer("max_missing_hops");
        int perHop = s.integer("probes_per_hop");
        int sport = s.integer("source_port");
        int dport = s.integer("destination_port");
        int tos = s.integer("tos");
        int flowLabel = s.integer("flow_label");
        int initialId = s.integer("initial_probe_id");
        int length = s.integer("packet_length");
        Duration wait = Duration.ofNanos(s.millisAsNanos("wait_ms"));
        Duration delay = Duration.ofNanos(s.millisAsNanos("delay_ms"));
        Duration grace = Duration.ofNanos(s.millisAsNanos("grace_ms"));
        boolean numeric = s.bool("numeric");
        return s.build("", () -> new TraceSettings(typedTarget, ipVersion, protocol, method, algorithm, firstTtl,
                maxTtl, maxMissing, perHop, sport, dport, tos, flowLabel, initialId, length, wait, delay, grace,
                numeric));
    }

    private static TransportInfo transport(Obj t) throws TraceDocumentException {
        TransportInfo.Kind kind = t.enumValue("kind", TransportInfo.Kind.class);
        String name = t.str("name");
        Set<ProbeProtocol> protocols = new LinkedHashSet<>();
        List<Val> ps = t.values("protocols");
        for (Val v : ps) {
            protocols.add(v.enumValue(ProbeProtocol.class));
        }
        boolean ipv6 = t.bool("ipv6");
        boolean full = t.bool("full_header_control");
        List<String> limitations = new ArrayList<>();
        for (Val v : t.values("limitations")) {
            limitations.add(v.str());
        }
        return new TransportInfo(kind, name, protocols, ipv6, full, limitations);
    }

    private HopSnapshot hop(Obj h) throws TraceDocumentException {
        Ttl ttl = h.ttl("ttl");
        int pending = h.integer("pending");
        RttStats stats = stats(h.obj("stats"));
        List<InterfaceSnapshot> ifaces = new ArrayList<>();
        for (Obj i : h.objects("interfaces")) {
            InetAddress address = i.address("address");
            hostName(i, "name", address);
            boolean destination = i.bool("destination");
            int replies = i.integer("replies");
            TreeSet<FlowId> flows = i.flows("flows");
            RttStats st = stats(i.obj("stats"));
            TreeSet<Integer> quoted = i.intSet("quoted_ttls");
            TreeSet<Integer> replyTtls = i.intSet("reply_ttls");
            List<List<MplsEntry>> stacks = new ArrayList<>();
            for (Val v : i.values("mpls_stacks")) {
                stacks.add(mpls(v.array()));
            }
            TreeSet<String> marks = new TreeSet<>();
            for (Val v : i.values("marks")) {
                marks.add(v.str());
            }
            ifaces.add(new InterfaceSnapshot(address, flows, replies, st, quoted, replyTtls, stacks, marks,
                    destination));
        }
        return new HopSnapshot(ttl, ifaces, stats, pending);
    }

    private static RttStats stats(Obj s) throws TraceDocumentException {
        return new RttStats(s.integer("sent"), s.integer("received"), s.dbl("last_ms"), s.dbl("min_ms"),
                s.dbl("avg_ms"), s.dbl("max_ms"), s.dbl("stddev_ms"), s.dbl("jitter_ms"), s.dbl("jitter_max_ms"));
    }

    private static List<MplsEntry> mpls(Arr a) throws TraceDocumentException {
        List<MplsEntry> stack = new ArrayList<>();
        for (Val v : a.values()) {
            Obj e = v.obj();
            stack.add(new MplsEntry(e.integer("label"), e.integer("traffic_class"), e.bool("bottom_of_stack"),
                    e.integer("ttl")));
        }
        return stack;
    }

    private static ProbeRecord probe(Obj p) throws TraceDocumentException {
        long sequence = p.lng("sequence");
        int idValue = p.integer("probe_id");
        if (idValue < ProbeId.MIN || idValue > ProbeId.MAX) {
            throw p.invalid("probe_id", "a probe id must be " + ProbeId.MIN + ".." + ProbeId.MAX + ", found " + idValue);
        }
        ProbeId id = new ProbeId(idValue);
        int flowValue = p.integer("flow");
        if (flowValue < 0 || flowValue > 0xFFFF) {
            throw p.invalid("flow", "a flow id must be 0..65535, found " + flowValue);
        }
        FlowId flow = FlowId.of(flowValue);
        Ttl ttl = p.ttl("ttl");
        int column = p.integer("column");
        ProbeProtocol protocol = p.enumValue("protocol", ProbeProtocol.class);
        Obj f = p.obj("sent");
        SentFields sent = new SentFields(f.address("source"), f.address("destination"), f.integer("tos"),
                f.optInteger("flow_label"), f.optInteger("ip_id"), f.integer("source_port"),
                f.optInteger("destination_port"), f.optInteger("checksum"), f.optLong("sequence"),
                f.integer("length"));
        long sentNanos = p.lng("sent_ns");
        long sentMicros = p.lng("sent_epoch_us");
        ProbeOutcome outcome = p.enumValue("outcome", ProbeOutcome.class);
        Obj r = p.optObj("reply");
        Reply reply = r == null ? null : reply(r);
        String error = p.optStr("error");
        if ((outcome == ProbeOutcome.ANSWERED) != (reply != null)) {
            throw p.invalid("reply", outcome == ProbeOutcome.ANSWERED ? "an answered probe needs its reply"
                    : "only an answered probe has a reply");
        }
        return new ProbeRecord(sequence, id, flow, ttl, column, protocol, sent, sentNanos, sentMicros, outcome,
                reply, error);
    }

    private static Reply reply(Obj r) throws TraceDocumentException {
        InetAddress from = r.address("from");
        ReplyKind kind = r.enumValue("kind", ReplyKind.class);
        List<InterfaceInfo> infos = new ArrayList<>();
        for (Obj i : r.objects("interfaces")) {
            infos.add(new InterfaceInfo(i.integer("role"), i.optLong("if_index"), i.optStr("address"),
                    i.optStr("name"), i.optInteger("mtu")));
        }
        return new Reply(from, kind, r.optInteger("icmp_type"), r.optInteger("icmp_code"), r.lng("received_ns"),
                r.millisAsNanos("rtt_ms"), r.optInteger("reply_ttl"), r.optInteger("reply_ip_id"),
                r.optInteger("quoted_ttl"), r.optInteger("quoted_ip_id"), r.optInteger("quoted_checksum"),
                r.optAddress("quoted_source"), r.bool("from_destination"), r.optInteger("mtu"),
                mpls(r.array("mpls")), infos);
    }

    // ---------------------------------------------------------------------------------------------
    // Typed access to the JSON tree, with the path of every value for error messages.

    @FunctionalInterface
    private interface Build<T> {
        T get();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static TraceDocumentException invalidAt(String path, String problem) {
        return new TraceDocumentException(Reason.INVALID, "This trace document is damaged: "
                + (path.isEmpty() ? "" : path + ": ") + problem + ".");
    }

    private static String describe(JsonElement e) {
        String s = e.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /** One JSON value at a path. */
    private record Val(JsonElement e, String path) {
        TraceDocumentException wrongType(String expected) {
            return invalidAt(path, "expected " + expected + ", found " + describe(e));
        }

        String str() throws TraceDocumentException {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                return e.getAsString();
            }
            throw wrongType("a string");
        }

        String numberText(String expected) throws TraceDocumentException {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                // The raw text: never let Gson convert, which can take forever on 1e999999999.
                return e.getAsJsonPrimitive().getAsString();
            }
            throw wrongType(expected);
        }

        long lng() throws TraceDocumentException {
            String t = numberText("an integer");
            if (INTEGER.matcher(t).matches()) {
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException x) {
                    throw wrongType("an integer in range");
                }
            }
            throw wrongType("an integer");
        }

        int integer() throws TraceDocumentException {
            long v = lng();
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw wrongType("a smaller integer");
            }
            return (int) v;
        }

        double dbl() throws TraceDocumentException {
            String t = numberText("a number");
            if (!JSON_NUMBER.matcher(t).matches()) {
                throw wrongType("a number");
            }
            double d = Double.parseDouble(t);
            if (!Double.isFinite(d)) {
                throw wrongType("a finite number");
            }
            return d;
        }

        long millisAsNanos() throws TraceDocumentException {
            String t = numberText("a duration in milliseconds");
            if (!DECIMAL.matcher(t).matches()) {
                throw wrongType("a duration in milliseconds with at most 9 decimals");
            }
            try {
                return new BigDecimal(t).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            } catch (ArithmeticException x) {
                throw wrongType("a smaller duration");
            }
        }

        boolean bool() throws TraceDocumentException {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
                return e.getAsBoolean();
            }
            throw wrongType("true or false");
        }

        InetAddress address() throws TraceDocumentException {
            InetAddress a = DocumentValues.parseAddress(str());
            if (a == null) {
                throw wrongType("an IP address");
            }
            return a;
        }

        <E extends Enum<E>> E enumValue(Class<E> type) throws TraceDocumentException {
            E v = DocumentValues.parseEnum(type, str());
            if (v == null) {
                List<String> allowed = new ArrayList<>();
                for (E c : type.getEnumConstants()) {
                    allowed.add(DocumentValues.enumName(c));
                }
                throw wrongType("one of " + allowed);
            }
            return v;
        }

        Obj obj() throws TraceDocumentException {
            if (e.isJsonObject()) {
                return new Obj(e.getAsJsonObject(), path);
            }
            throw wrongType("an object");
        }

        Arr array() throws TraceDocumentException {
            if (e.isJsonArray()) {
                return new Arr(e.getAsJsonArray(), path);
            }
            throw wrongType("an array");
        }
    }

    /** A JSON array at a path. */
    private record Arr(JsonArray a, String path) {
        List<Val> values() {
            List<Val> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add(new Val(a.get(i), path + "[" + i + "]"));
            }
            return out;
        }
    }

    /** A JSON object at a path. */
    private record Obj(JsonObject o, String path) {
        TraceDocumentException invalid(String key, String problem) {
            return invalidAt(join(path, key), problem);
        }

        /** The value under key; a missing key and an explicit null both count as absent. */
        Val opt(String key) {
            JsonElement e = o.get(key);
            return e == null || e.isJsonNull() ? null : new Val(e, join(path, key));
        }

        Val req(String key) throws TraceDocumentException {
            Val v = opt(key);
            if (v == null) {
                throw invalid(key, o.has(key) ? "must not be null" : "missing");
            }
            return v;
        }

        String str(String key) throws TraceDocumentException {
            return req(key).str();
        }

        String optStr(String key) throws TraceDocumentException {
            Val v = opt(key);
            return v == null ? null : v.str();
        }

        long lng(String key) throws TraceDocumentException {
            return req(key).lng();
        }

        int integer(String key) throws TraceDocumentException {
            return req(key).integer();
        }

        /** null → -1, the engine's "not present". */
        int optInteger(String key) throws TraceDocumentException {
            Val v = opt(key);
            return v == null ? -1 : v.integer();
        }

        long optLong(String key) throws TraceDocumentException {
            Val v = opt(key);
            return v == null ? -1 : v.lng();
        }

        /** null → NaN, the engine's "no value". */
        double dbl(String key) throws TraceDocumentException {
            Val v = opt(key);
            return v == null ? Double.NaN : v.dbl();
        }

        long millisAsNanos(String key) throws TraceDocumentException {
            return req(key).millisAsNanos();
        }

        boolean bool(String key) throws TraceDocumentException {
            return req(key).bool();
        }

        InetAddress address(String key) throws TraceDocumentException {
            return req(key).address();
        }

        InetAddress optAddress(String key) throws TraceDocumentException {
            Val v = opt(key);
            return v == null ? null : v.address();
        }

        Ttl ttl(String key) throws TraceDocumentException {
            int v = integer(key);
            if (v < 1 || v > Ttl.MAX) {
                throw invalid(key, "a TTL must be 1.." + Ttl.MAX + ", found " + v);
            }
            return new Ttl(v);
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type) throws TraceDocumentException {
            return req(key).enumValue(type);
        }

        Obj obj(String key) throws TraceDocumentException {
            return req(key).obj();
        }

        Obj optObj(String key) throws TraceDocumentException {
            Val v = opt(key);
            return v == null ? null : v.obj();
        }

        Arr array(String key) throws TraceDocumentException {
            return req(key).array();
        }

        List<Val> values(String key) throws TraceDocumentException {
            return array(key).values();
        }

        List<Obj> objects(String key) throws TraceDocumentException {
            List<Obj> out = new ArrayList<>();
            for (Val v : values(key)) {
                out.add(v.obj());
            }
            return out;
        }

        TreeSet<Integer> intSet(String key) throws TraceDocumentException {
            TreeSet<Integer> out = new TreeSet<>();
            for (Val v : values(key)) {
                out.add(v.integer());
            }
            return out;
        }

        TreeSet<FlowId> flows(String key) throws TraceDocumentException {
            TreeSet<FlowId> out = new TreeSet<>();
            for (Val v : values(key)) {
                int f = v.integer();
                if (f < 0 || f > 0xFFFF) {
                    throw invalidAt(v.path(), "a flow id must be 0..65535, found " + f);
                }
                out.add(FlowId.of(f));
            }
            return out;
        }

        /** Runs a constructor that validates its arguments; its complaint becomes a typed error. */
        <T> T build(String key, Build<T> b) throws TraceDocumentException {
            try {
                return b.get();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw invalidAt(join(path, key), e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }
}
