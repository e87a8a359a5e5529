package org.hopscope.engine.packet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/** Loads the hex fixtures under src/test/resources/fixtures (format: '#' comments, then hex bytes). */
final class Fixtures {
    private Fixtures() {
    }

    record Fixture(String name, String layer, int frame, byte[] bytes) {
    }

    static Fixture load(String name) {
        String text = text(name + ".hex");
        String layer = null;
        int frame = -1;
        StringBuilder hex = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.startsWith("# layer:")) {
                layer = t.substring("# layer:".length()).trim();
            } else if (t.startsWith("# frame:")) {
                frame = Integer.parseInt(t.substring("# frame:".length()).trim());
            } else if (!t.startsWith("#")) {
                hex.append(t.replace(" ", ""));
            }
        }
        return new Fixture(name, Objects.requireNonNull(layer, "layer line in " + name), frame,
                HexFormat.of().parseHex(hex));
    }

    static byte[] resource(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String file) {
        return new String(resource(file), StandardCharsets.UTF_8);
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }
}
