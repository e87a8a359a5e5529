package org.hopscope.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every document the writer emits validates against docs/trace-document.schema.json. */
class TraceDocumentSchemaTest {
    private static JsonSchema schema;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Path schemaPath() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs/trace-document.schema.json"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("docs/trace-document.schema.json not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("docs/trace-document.schema.json");
    }

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = Files.newInputStream(schemaPath())) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static Set<ValidationMessage> validate(String json) throws Exception {
        JsonNode node = MAPPER.readTree(json);
        return schema.validate(node);
    }

    @Test
    void richTraceValidates() throws Exception {
        assertThat(validate(TraceDocumentWriter.toJson(TraceFixtures.rich()))).isEmpty();
    }

    @Test
    void runningIpv6TcpTraceValidates() throws Exception {
        TraceSettings s = TraceSettings.builder("2001:db8::9").protocol(ProbeProtocol.TCP).build();
        TraceFixtures t = new TraceFixtures(s, "2001:db8::2", "2001:db8::9");
        t.hop(1, 0, TraceFixtures.timeExceeded("2001:db8::1", 0.3));
        t.send(2, 0);
        assertThat(validate(TraceDocumentWriter.toJson(t.recorder().snapshot()))).isEmpty();
        t.hopTimeout(3, 0);
        TraceSnapshot done = t.finish(TraceStatus.NOT_REACHED);
        assertThat(validate(TraceDocumentWriter.toJson(done))).isEmpty();
    }

    @Test
    void schemaRejectsABrokenDocument() throws Exception {
        String json = TraceDocumentWriter.toJson(TraceFixtures.rich()).replace("\"schema\": \"hopscope-trace\"",
                "\"schema\": \"other\"").replace("\"status\": \"reached\"", "\"status\": \"done\"");
        assertThat(validate(json)).hasSizeGreaterThanOrEqualTo(2);
    }
}
