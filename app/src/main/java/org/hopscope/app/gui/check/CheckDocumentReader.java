package org.hopscope.app.gui.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.check.CheckReportWriter;

/**
 * Reads a {@code hopscope-check} report (docs/check.md) into a {@link CheckDocument}. Errors are
 * {@link IllegalArgumentException}s whose message is a sentence for the user.
 */
public final class CheckDocumentReader {
    private CheckDocumentReader() {
    }

    /** Whether {@code file} starts like a check report (its schema is named in the first bytes). */
    public static boolean looksLikeCheckReport(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] head = new char[256];
            int n = r.read(head);
            return n > 0 && new String(head, 0, n).replace(" ", "")
                    .contains("\"schema\":\"" + CheckReportWriter.SCHEMA + "\"");
        } catch (IOException e) {
            return false; // the ordinary open path reports unreadable files
        }
    }

    public static CheckDocument read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static CheckDocument parse(String json) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("This is not a Hopscope check report (not a JSON object).");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("This is not a Hopscope check report (not valid JSON).", e);
        }
        if (!CheckReportWriter.SCHEMA.equals(str(o, "schema"))) {
            throw new IllegalArgumentException("This is not a Hopscope check report (schema '" + str(o, "schema")
                    + "').");
        }
        if (num(o, "version") > CheckReportWriter.VERSION) {
            throw new IllegalArgumentException("This check report was written by a newer Hopscope (version "
                    + (long) num(o, "version") + "); update Hopscope to open it.");
        }
        try {
            JsonObject m = object(o, "machine");
            CheckDocument.Machine machine = new CheckDocument.Machine(m.get("masked").getAsBoolean(), str(m, "os"),
                    str(m, "host_name"), str(m, "interface"), str(m, "local_address"), str(m, "gateway"),
                    strings(array(m, "dns_servers")));
            List<CheckDocument.Target> targets = new ArrayList<>();
            for (JsonElement t : array(o, "targets")) {
                targets.add(target(t.getAsJsonObject()));
            }
            return new CheckDocument(str(o, "started"), (long) num(o, "duration_ms"), (long) num(o, "budget_ms"),
                    str(o, "status"), machine, str(o, "transport"), targets, json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("This check report is damaged: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()) + ".", e);
        }
    }

    private static CheckDocument.Target target(JsonObject t) {
        List<CheckDocument.Verdict> verdicts = new ArrayList<>();
        for (JsonElement e : array(t, "verdicts")) {
            JsonObject v = e.getAsJsonObject();
            List<Integer> ttls = new ArrayList<>();
            array(v, "ttls").forEach(x -> ttls.add(x.getAsInt()));
            verdicts.add(new CheckDocument.Verdict(str(v, "segment"), str(v, "status"), str(v, "reason"),
                    str(v, "sentence"), ttls));
        }
        JsonObject dns = object(t, "dns");
        JsonObject connect = object(t, "connect");
        String dnsText = str(dns, "outcome").replace('_', ' ') + (dns.get("ms").isJsonNull() ? "" : " in " + ms(num(dns, "ms")));
        String connectText = str(connect, "outcome").replace('_', ' ') + (connect.get("ms").isJsonNull() ? ""
                : " in " + ms(num(connect, "ms")));
        List<CheckDocument.Hop> hops = new ArrayList<>();
        String protocol = null;
        long rounds = 0;
        boolean reached = false;
        String trace = null;
        JsonElement p = t.get("path");
        if (p != null && p.isJsonObject()) {
            JsonObject path = p.getAsJsonObject();
            protocol = str(path, "protocol");
            rounds = (long) num(path, "rounds");
            reached = path.get("reached").getAsBoolean();
            for (JsonElement e : array(path, "hops")) {
                JsonObject h = e.getAsJsonObject();
                hops.add(new CheckDocument.Hop(h.get("ttl").getAsInt(), str(h, "address"), str(h, "name"),
                        (long) num(h, "sent"), (long) num(h, "received"), num(h, "loss_percent"), num(h, "avg_ms"),
                        str(h, "segment")));
            }
            JsonElement tr = path.get("trace");
            trace = tr == null || tr.isJsonNull() ? null : tr.toString();
        }
        return new CheckDocument.Target(str(t, "target"), str(t, "address"), str(t, "status"), dnsText, connectText,
                verdicts, protocol, rounds, reached, hops, trace, str(t, "path_detail"));
    }

    private static JsonArray array(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException("the list '" + name + "' is missing");
        }
        return e.getAsJsonArray();
    }

    private static JsonObject object(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException("the section '" + name + "' is missing");
        }
        return e.getAsJsonObject();
    }

    private static String ms(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", v);
    }

    private static String str(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static double num(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            a.forEach(x -> out.add(x.getAsString()));
        }
        return out;
    }
}
