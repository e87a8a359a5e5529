package org.hopscope.engine.packet;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Runs tshark on a pcap and exposes each frame's decoded fields. */
final class Tshark {
    private Tshark() {
    }

    /** The tshark binary; in CI (CI=true) its absence fails the test, elsewhere it skips it. */
    static Path require() {
        Optional<Path> found = find();
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("tshark is required in CI (Debian: apt-get install tshark)");
        }
        assumeTrue(found.isPresent(), "tshark not installed");
        return found.get();
    }

    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + File.pathSeparator + "/usr/bin:/usr/sbin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "tshark");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Decodes every frame; checksum verification on, absolute TCP sequence numbers. */
    static List<Frame> decode(Path tshark, Path pcap) throws IOException, InterruptedException {
        Path out = Files.createTempFile(pcap.getParent(), "tshark", ".json");
        Process p = new ProcessBuilder(tshark.toString(), "-r", pcap.toString(), "-T", "json", "--no-duplicate-keys",
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-o", "tcp.relative_sequence_numbers:FALSE", "-o", "tcp.analyze_sequence_numbers:FALSE")
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tshark did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("tshark exited with " + p.exitValue());
        }
        JsonArray frames = JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8)).getAsJsonArray();
        List<Frame> result = new ArrayList<>();
        for (JsonElement f : frames) {
            result.add(new Frame(f.getAsJsonObject().getAsJsonObject("_source").getAsJsonObject("layers")));
        }
        return result;
    }

    /** One frame's layer tree. */
    record Frame(JsonObject layers) {
        /** Every value of {@code field}, anywhere in the tree, in document order (outer before quoted). */
        List<String> all(String field) {
            List<String> out = new ArrayList<>();
            collect(layers, field, out);
            return out;
        }

        String one(String field, int index) {
            List<String> values = all(field);
            if (values.size() <= index) {
                throw new AssertionError("tshark shows " + values.size() + " value(s) of " + field + ", wanted #" + index);
            }
            return values.get(index);
        }

        long num(String field, int index) {
            return number(one(field, index));
        }

        List<Long> nums(String field) {
            return all(field).stream().map(Tshark::number).toList();
        }

        private static void collect(JsonElement e, String field, List<String> out) {
            if (e.isJsonObject()) {
                for (var entry : e.getAsJsonObject().entrySet()) {
                    if (entry.getKey().equals(field)) {
                        primitives(entry.getValue(), out);
                    }
                    collect(entry.getValue(), field, out);
                }
            } else if (e.isJsonArray()) {
                for (JsonElement item : e.getAsJsonArray()) {
                    collect(item, field, out);
                }
            }
        }

        private static void primitives(JsonElement e, List<String> out) {
            if (e.isJsonPrimitive()) {
                out.add(e.getAsString());
            } else if (e.isJsonArray()) {
                for (JsonElement item : e.getAsJsonArray()) {
                    if (item.isJsonPrimitive()) {
                        out.add(item.getAsString());
                    }
                }
            }
        }
    }

    static long number(String s) {
        return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
    }
}
