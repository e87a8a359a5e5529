package org.hopscope.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hopscope.engine.format.TraceFixtures.destination;
import static org.hopscope.engine.format.TraceFixtures.ip;
import static org.hopscope.engine.format.TraceFixtures.timeExceeded;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetAddress;
import java.util.Map;
import org.hopscope.engine.format.TraceDocumentException.Reason;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.ProbeOutcome;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.junit.jupiter.api.Test;

class TraceDocumentTest {

    private static TraceSnapshot read(String json) throws TraceDocumentException {
        return TraceDocumentReader.read(new StringReader(json));
    }

    private static JsonObject tree(TraceSnapshot s) {
        return JsonParser.parseString(TraceDocumentWriter.toJson(s)).getAsJsonObject();
    }

    @Test
    void roundTripGivesIdenticalJsonAndEqualSnapshot() throws Exception {
        TraceSnapshot original = TraceFixtures.rich();
        String first = TraceDocumentWriter.toJson(original);
        TraceSnapshot back = read(first);
        String second = TraceDocumentWriter.toJson(back);

        assertThat(second).isEqualTo(first);
        assertThat(back).isEqualTo(original);
        assertThat(back.hops()).isEqualTo(original.hops());
        assertThat(back.links()).isEqualTo(original.links());
        assertThat(back.probes()).isEqualTo(original.probes());
        assertThat(back.settings()).isEqualTo(original.settings());
        assertThat(back.transport()).isEqualTo(original.transport());
        assertThat(back.probesSent()).isEqualTo(13);
        assertThat(back.unmatchedReplies()).isEqualTo(1);
    }

    @Test
    void writingIsDeterministic() {
        assertThat(TraceDocumentWriter.toJson(TraceFixtures.rich()))
                .isEqualTo(TraceDocumentWriter.toJson(TraceFixtures.rich()));
    }

    @Test
    void topLevelShape() {
        JsonObject doc = tree(TraceFixtures.rich());
        assertThat(doc.keySet()).containsExactly("schema", "version", "tool", "target", "source", "settings",
                "transport", "start", "end", "duration_ms", "status", "status_detail", "probes_sent",
                "unmatched_replies", "hops", "links", "probes", "topology", "findings");
        assertThat(doc.get("schema").getAsString()).isEqualTo("hopscope-trace");
        assertThat(doc.get("version").getAsInt()).isEqualTo(1);
        assertThat(doc.getAsJsonObject("tool").get("name").getAsString()).isEqualTo("Hopscope");
        assertThat(doc.getAsJsonObject("target").get("typed").getAsString()).isEqualTo("target.example");
        assertThat(doc.getAsJsonObject("target").get("address").getAsString()).isEqualTo("192.0.2.9");
        assertThat(doc.getAsJsonObject("start").get("time").getAsString()).isEqualTo("2025-01-01T00:00:00.000000Z");
        assertThat(doc.getAsJsonObject("end").get("time").getAsString()).isEqualTo("2025-01-01T00:00:01.500000Z");
        assertThat(doc.get("duration_ms").getAsString()).isEqualTo("1500");
        assertThat(doc.get("status").getAsString()).isEqualTo("reached");
        JsonObject settings = doc.getAsJsonObject("settings");
        assertThat(settings.get("wait_ms").toString()).isEqualTo("1500");
        assertThat(settings.get("delay_ms").toString()).isEqualTo("0.25");
        assertThat(settings.get("protocol").getAsString()).isEqualTo("udp");
        assertThat(settings.get("algorithm").getAsString()).isEqualTo("concurrent");
        assertThat(doc.getAsJsonObject("transport").get("kind").getAsString()).isEqualTo("simulated");
        assertThat(doc.getAsJsonObject("transport").getAsJsonArray("protocols").toString())
                .isEqualTo("[\"udp\",\"icmp\",\"tcp\"]");
    }

    @Test
    void absentValuesAreNull() {
        JsonObject doc = tree(TraceFixtures.rich());
        JsonObject silentHop = doc.getAsJsonArray("hops").get(1).getAsJsonObject();
        assertThat(silentHop.get("silent").getAsBoolean()).isTrue();
        JsonObject stats = silentHop.getAsJsonObject("stats");
        assertThat(stats.get("sent").getAsInt()).isEqualTo(3);
        assertThat(stats.get("received").getAsInt()).isZero();
        assertThat(stats.get("loss_percent").getAsDouble()).isEqualTo(100.0);
        assertThat(stats.get("avg_ms").isJsonNull()).isTrue();
        assertThat(stats.get("min_ms").isJsonNull()).isTrue();

        JsonObject timedOut = doc.getAsJsonArray("probes").get(3).getAsJsonObject();
        assertThat(timedOut.get("outcome").getAsString()).isEqualTo("timed_out");
        assertThat(timedOut.get("reply").isJsonNull()).isTrue();
        assertThat(timedOut.get("error").isJsonNull()).isTrue();
        assertThat(timedOut.getAsJsonObject("sent").get("sequence").isJsonNull()).isTrue(); // UDP: none

        JsonObject answered = doc.getAsJsonArray("probes").get(0).getAsJsonObject().getAsJsonObject("reply");
        assertThat(answered.get("mtu").isJsonNull()).isTrue();
        assertThat(answered.get("mark").isJsonNull()).isTrue();
        assertThat(answered.get("rtt_ms").toString()).isEqualTo("0.569");
        assertThat(answered.get("quoted_ttl").getAsInt()).isEqualTo(1);
    }

    @Test
    void hopsCarryInterfacesMplsAndQuotedTtls() {
        JsonObject doc = tree(TraceFixtures.rich());
        JsonObject hop3 = doc.getAsJsonArray("hops").get(2).getAsJsonObject();
        assertThat(hop3.getAsJsonArray("interfaces")).hasSize(2);
        JsonObject first = hop3.getAsJsonArray("interfaces").get(0).getAsJsonObject();
        assertThat(first.get("address").getAsString()).isEqualTo("198.51.100.1");
        assertThat(first.get("quoted_ttls").toString()).isEqualTo("[0]");
        assertThat(first.get("mpls_stacks").toString()).isEqualTo(
                "[[{\"label\":27121,\"traffic_class\":0,\"bottom_of_stack\":false,\"ttl\":1},"
                        + "{\"label\":2,\"traffic_class\":0,\"bottom_of_stack\":true,\"ttl\":255}]]");
        assertThat(first.get("flows").toString()).isEqualTo("[0]");
        JsonObject dest = doc.getAsJsonArray("hops").get(3).getAsJsonObject();
        assertThat(dest.get("reached_destination").getAsBoolean()).isTrue();
        assertThat(doc.getAsJsonArray("links")).isNotEmpty();
        JsonObject link = doc.getAsJsonArray("links").get(0).getAsJsonObject();
        assertThat(link.keySet()).containsExactly("from_ttl", "to_ttl", "from", "to", "flows");
    }

    @Test
    void runningTraceHasNullEnd() throws Exception {
        TraceFixtures t = new TraceFixtures("10.0.0.2", "192.0.2.9");
        t.hop(1, 0, timeExceeded("10.0.0.1", 1.0));
        t.send(2, 0);
        TraceSnapshot running = t.recorder().snapshot();
        JsonObject doc = tree(running);
        assertThat(doc.get("end").isJsonNull()).isTrue();
        assertThat(doc.get("duration_ms").isJsonNull()).isTrue();
        assertThat(doc.get("status").getAsString()).isEqualTo("running");
        TraceSnapshot back = read(TraceDocumentWriter.toJson(running));
        assertThat(back).isEqualTo(running);
        assertThat(back.finishedEpochMicros()).isEqualTo(-1);
        assertThat(back.probes().get(1).outcome()).isEqualTo(ProbeOutcome.PENDING);
    }

    @Test
    void ipv6IcmpTraceRoundTrips() throws Exception {
        TraceSettings s = TraceSettings.builder("2001:db8::9").protocol(ProbeProtocol.ICMP).ipVersion(6)
                .numeric(true).build();
        TraceFixtures t = new TraceFixtures(s, "2001:db8::2", "2001:db8::9");
        t.hop(1, 0, timeExceeded("fe80::1", 0.125));
        t.hop(2, 0, destination("2001:db8::9", 3.5));
        t.hopTimeout(2, 1);
        TraceSnapshot snap = t.finish(TraceStatus.REACHED);
        String json = TraceDocumentWriter.toJson(snap);
        assertThat(json).contains("\"address\": \"2001:db8::9\"");
        assertThat(read(json)).isEqualTo(snap);
        assertThat(TraceDocumentWriter.toJson(read(json))).isEqualTo(json);
    }

    @Test
    void failedTraceKeepsDetail() throws Exception {
        TraceFixtures t = new TraceFixtures("10.0.0.2", "192.0.2.9");
        t.hop(1, 0, timeExceeded("10.0.0.1", 1.0));
        TraceSnapshot snap = t.finish(TraceStatus.FAILED);
        TraceSnapshot back = read(TraceDocumentWriter.toJson(snap));
        assertThat(back.status()).isEqualTo(TraceStatus.FAILED);
        assertThat(back.statusDetail()).isEqualTo("the transport stopped working");
    }

    @Test
    void hostNamesRoundTrip() throws Exception {
        Map<InetAddress, String> names = Map.of(ip("10.0.0.1"), "gw.lan", ip("192.0.2.9"), "target.example");
        String json = new TraceDocumentWriter().hostNames(names::get).json(TraceFixtures.rich());
        TraceDocument doc = TraceDocumentReader.readDocument(new StringReader(json));
        assertThat(doc.hostNames()).isEqualTo(names);
        assertThat(new TraceDocumentWriter().hostNames(doc.hostNames()::get).json(doc.snapshot())).isEqualTo(json);
    }

    // ---- errors -------------------------------------------------------------------------------

    private static TraceDocumentException failure(String json) {
        try {
            read(json);
        } catch (TraceDocumentException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    private static String withVersion(Object version) {
        JsonObject doc = tree(TraceFixtures.rich());
        doc.addProperty("version", version.toString());
        return doc.toString().replace("\"version\":\"" + version + "\"", "\"version\":" + version);
    }

    @Test
    void newerVersionIsRejectedWithClearMessage() {
        TraceDocumentException e = failure(withVersion(3));
        assertThat(e.reason()).isEqualTo(Reason.NEWER_VERSION);
        assertThat(e.getMessage()).isEqualTo(
                "This trace was written by a newer Hopscope (document version 3); this version reads up to 1.");
    }

    @Test
    void versionZeroIsInvalid() {
        assertThat(failure(withVersion(0)).reason()).isEqualTo(Reason.INVALID);
    }

    @Test
    void corruptJson() {
        TraceDocumentException e = failure("{\"schema\": \"hopscope-trace\", ");
        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(e.getMessage()).startsWith("This file is not a valid trace document");
        assertThat(failure("").reason()).isEqualTo(Reason.CORRUPT);
        assertThat(failure("not json at all").reason()).isEqualTo(Reason.CORRUPT);
        assertThat(failure("{'schema': 'hopscope-trace'}").reason()).isEqualTo(Reason.CORRUPT); // lenient JSON
        assertThat(failure("{} {}").reason()).isEqualTo(Reason.CORRUPT);
    }

    @Test
    void truncatedDocument() {
        String json = TraceDocumentWriter.toJson(TraceFixtures.rich());
        for (int cut : new int[] {1, 10, json.length() / 3, json.length() / 2, json.length() - 3}) {
            assertThat(failure(json.substring(0, cut)).reason()).as("cut at %d", cut).isEqualTo(Reason.CORRUPT);
        }
    }

    @Test
    void wrongSchema() {
        TraceDocumentException e = failure("{\"schema\": \"something-else\", \"version\": 1}");
        assertThat(e.reason()).isEqualTo(Reason.NOT_A_TRACE);
        assertThat(e.getMessage()).contains("not a Hopscope trace document");
        assertThat(failure("{\"version\": 1}").reason()).isEqualTo(Reason.NOT_A_TRACE);
        assertThat(failure("[1, 2, 3]").reason()).isEqualTo(Reason.NOT_A_TRACE);
        assertThat(failure("42").reason()).isEqualTo(Reason.NOT_A_TRACE);
    }

    @Test
    void missingAndMistypedFieldsNameTheirPath() {
        JsonObject doc = tree(TraceFixtures.rich());
        doc.getAsJsonArray("hops").get(2).getAsJsonObject().getAsJsonArray("interfaces").get(0).getAsJsonObject()
                .remove("address");
        TraceDocumentException e = failure(doc.toString());
        assertThat(e.reason()).isEqualTo(Reason.INVALID);
        assertThat(e.getMessage()).isEqualTo("This trace document is damaged: hops[2].interfaces[0].address: missing.");

        doc = tree(TraceFixtures.rich());
        doc.getAsJsonObject("settings").addProperty("max_ttl", "thirty");
        assertThat(failure(doc.toString()).getMessage()).contains("settings.max_ttl: expected an integer");

        doc = tree(TraceFixtures.rich());
        doc.getAsJsonObject("settings").addProperty("max_ttl", 300);
        assertThat(failure(doc.toString()).getMessage()).contains("max TTL must be 1..255");

        doc = tree(TraceFixtures.rich());
        doc.getAsJsonArray("probes").get(0).getAsJsonObject().addProperty("outcome", "lost");
        assertThat(failure(doc.toString()).getMessage()).contains("probes[0].outcome: expected one of");

        doc = tree(TraceFixtures.rich());
        doc.getAsJsonArray("probes").get(0).getAsJsonObject().addProperty("ttl", 0);
        assertThat(failure(doc.toString()).getMessage()).contains("probes[0].ttl");

        doc = tree(TraceFixtures.rich());
        doc.getAsJsonArray("probes").get(0).getAsJsonObject().add("reply", com.google.gson.JsonNull.INSTANCE);
        assertThat(failure(doc.toString()).getMessage()).contains("an answered probe needs its reply");
    }

    @Test
    void hugeNumbersAreRejectedQuickly() {
        JsonObject doc = tree(TraceFixtures.rich());
        String json = doc.toString().replaceFirst("\"probes_sent\":13", "\"probes_sent\":1e999999999");
        assertThat(failure(json).getMessage()).contains("probes_sent: expected an integer");
        json = doc.toString().replaceFirst("\"wait_ms\":1500", "\"wait_ms\":1e999999999");
        assertThat(failure(json).getMessage()).contains("wait_ms");
        json = doc.toString().replaceFirst("\"probes_sent\":13", "\"probes_sent\":99999999999999999999999");
        assertThat(failure(json).reason()).isEqualTo(Reason.INVALID);
    }

    @Test
    void hostNamesAreNotLookedUp() {
        JsonObject doc = tree(TraceFixtures.rich());
        doc.getAsJsonObject("target").addProperty("address", "localhost");
        assertThat(failure(doc.toString()).getMessage()).contains("target.address: expected an IP address");
        doc.getAsJsonObject("target").addProperty("address", "1abc.example");
        assertThat(failure(doc.toString()).getMessage()).contains("target.address: expected an IP address");
        doc.getAsJsonObject("target").addProperty("address", "ab:cd");
        assertThat(failure(doc.toString()).getMessage()).contains("target.address: expected an IP address");
    }

    @Test
    void unknownKeysAreIgnored() throws Exception {
        JsonObject doc = tree(TraceFixtures.rich());
        doc.addProperty("added_in_a_later_build", true);
        doc.getAsJsonArray("hops").get(0).getAsJsonObject().addProperty("asn", 64500);
        assertThat(read(doc.toString())).isEqualTo(TraceFixtures.rich());
    }

    @Test
    void ioErrorIsTyped() {
        Reader broken = new Reader() {
            @Override
            public int read(char[] b, int off, int len) throws IOException {
                throw new IOException("disk on fire");
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> TraceDocumentReader.read(broken))
                .isInstanceOfSatisfying(TraceDocumentException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.IO);
                    assertThat(e.getMessage()).contains("disk on fire");
                });
    }
}
