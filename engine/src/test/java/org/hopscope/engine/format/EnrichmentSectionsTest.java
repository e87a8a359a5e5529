package org.hopscope.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.hopscope.engine.enrich.AsInfo;
import org.hopscope.engine.enrich.Enricher;
import org.hopscope.engine.enrich.Enrichment;
import org.hopscope.engine.enrich.GeoInfo;
import org.hopscope.engine.enrich.HostInfo;
import org.hopscope.engine.enrich.LookupState;
import org.hopscope.engine.pmtu.HopMtu;
import org.hopscope.engine.pmtu.MtuEvidence;
import org.hopscope.engine.pmtu.PathMtuResult;
import org.hopscope.engine.trace.TraceSnapshot;
import org.junit.jupiter.api.Test;

/** The optional enrichment and path_mtu sections: schema-valid, additive (the reader still reads the document). */
class EnrichmentSectionsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String document(TraceSnapshot s, Enrichment e, PathMtuResult mtu) {
        return new TraceDocumentWriter().hostNames(a -> e.hostName(a).orElse(null))
                .section(EnrichmentSections.ENRICHMENT, EnrichmentSections.enrichment(s, e))
                .section(EnrichmentSections.PATH_MTU, EnrichmentSections.pathMtu(mtu)).json(s);
    }

    private static Enrichment enrichment(TraceSnapshot s) {
        Map<InetAddress, HostInfo> m = new LinkedHashMap<>();
        int i = 0;
        for (InetAddress a : Enricher.addresses(s)) {
            HostInfo h = HostInfo.pending(a);
            if (i % 2 == 0) {
                h = h.withHostName(Optional.of("r" + i + ".lab.test"), LookupState.FOUND)
                        .withAs(Optional.of(new AsInfo(64500 + i, List.of(), "198.18.0.0/15", "ZZ", "lab", "2001-01-01",
                                "LAB-" + i)), LookupState.FOUND)
                        .withGeo(Optional.of(new GeoInfo("FR", "France", "Paris", 48.85, 2.35, 20, 0, "")));
            } else {
                h = h.withHostName(Optional.empty(), LookupState.TIMED_OUT).withAs(Optional.empty(), LookupState.SKIPPED);
            }
            m.put(a, h);
            i++;
        }
        return new Enrichment(m, true);
    }

    private static PathMtuResult mtu(TraceSnapshot s) throws Exception {
        InetAddress hop1 = Enricher.addresses(s).iterator().next();
        return new PathMtuResult(s.resolvedAddress(), s.sourceAddress(), 1500, 1500, 1400, List.of(
                new HopMtu(1, Optional.of(hop1), 1400, true, MtuEvidence.FRAGMENTATION_NEEDED, OptionalInt.of(1400), false),
                new HopMtu(2, Optional.empty(), 1400, false, MtuEvidence.SILENT, OptionalInt.empty(), false),
                new HopMtu(3, Optional.of(s.resolvedAddress()), 1400, false, MtuEvidence.PASSED, OptionalInt.empty(), true)),
                true, 9, "");
    }

    @Test
    void sectionsValidateAgainstTheSchemaAndTheReaderIgnoresThem() throws Exception {
        TraceSnapshot s = TraceFixtures.rich();
        String json = document(s, enrichment(s), mtu(s));
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(TraceDocumentSchemaTest.schemaPath())) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        JsonNode node = MAPPER.readTree(json);
        assertThat(schema.validate(node)).isEmpty();
        JsonNode first = node.get("enrichment").get("addresses").get(0);
        assertThat(first.get("hostname").asText()).isEqualTo("r0.lab.test");
        assertThat(first.get("asn").asLong()).isEqualTo(64500);
        assertThat(first.get("geo").get("city").asText()).isEqualTo("Paris");
        assertThat(node.get("enrichment").get("addresses").get(1).get("dns_state").asText()).isEqualTo("timed_out");
        assertThat(node.get("path_mtu").get("hops").get(0).get("evidence").asText()).isEqualTo("fragmentation_needed");
        assertThat(node.get("path_mtu").get("path_mtu").asInt()).isEqualTo(1400);
        // A broken section is caught by the schema.
        String broken = json.replace("\"evidence\": \"passed\"", "\"evidence\": \"maybe\"");
        assertThat(schema.validate(MAPPER.readTree(broken))).isNotEmpty();
        // Additive: a version-1 reader reads the document, and writing it again without sections gives the base.
        TraceSnapshot back = TraceDocumentReader.read(new StringReader(json));
        assertThat(TraceDocumentWriter.toJson(back)).isEqualTo(TraceDocumentWriter.toJson(s));
    }

    @Test
    void textLinesMarkTheNarrowerLink() throws Exception {
        TraceSnapshot s = TraceFixtures.rich();
        List<String> lines = EnrichmentSections.pathMtuLines(mtu(s));
        assertThat(lines.get(0)).isEqualTo("Path MTU 1400 (first link 1500, 9 probes)");
        assertThat(lines.get(1)).endsWith("mtu  1400  fragmentation needed  <- narrower link after this hop");
        assertThat(lines.get(2)).matches(" 2 \\* +mtu  1400  silent");
    }
}
