package org.hopscope.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Feeds the reader damaged documents: text cut, spliced and garbled, and JSON trees with values
 * replaced, removed or retyped. Whatever comes in, the reader either returns a snapshot or throws
 * {@link TraceDocumentException}; nothing else may escape.
 */
class TraceDocumentFuzzTest {
    private static final String VALID = TraceDocumentWriter.toJson(TraceFixtures.rich());
    private static final JsonElement[] WEIRD = {
        JsonNull.INSTANCE, new JsonPrimitive(0), new JsonPrimitive(-1), new JsonPrimitive(1e300),
        new JsonPrimitive(Long.MAX_VALUE), new JsonPrimitive(3.5), new JsonPrimitive(""), new JsonPrimitive("x"),
        new JsonPrimitive("::"), new JsonPrimitive("999.1.1.1"), new JsonPrimitive(true), new JsonArray(),
        new JsonObject(), new JsonPrimitive(65536), new JsonPrimitive(256), new JsonPrimitive("answered"),
        new JsonPrimitive(new java.math.BigDecimal("1e400")), new JsonPrimitive(-0.0),
    };

    /** Reads, and fails the property if anything but the typed exception escapes. */
    private static boolean readsOrRejects(String json) {
        try {
            assertThat(TraceDocumentReader.read(new StringReader(json))).isNotNull();
            return true;
        } catch (TraceDocumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.reason()).isNotNull();
            // The reader's last-resort catch of unexpected runtime exceptions must never be needed.
            if (e.reason() == TraceDocumentException.Reason.INVALID) {
                assertThat(e.getCause()).as(e.getMessage()).isNull();
            }
            assertThat(e.getMessage()).doesNotContain("Gson", "JsonReader", "Exception", "\n");
            return false;
        }
    }

    @Property(tries = 300)
    void truncatedDocumentsAreRejected(@ForAll @IntRange(min = 0, max = 100_000) int cutSeed) {
        int cut = cutSeed % (VALID.stripTrailing().length());
        String json = VALID.substring(0, cut);
        assertThat(readsOrRejects(json)).isFalse();
    }

    @Property(tries = 500)
    void textMutationsAreRejectedOrRead(@ForAll("textMutations") String json) {
        readsOrRejects(json);
    }

    @Property(tries = 2000)
    void treeMutationsAreRejectedOrRead(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int mutations) {
        Random rnd = new Random(seed);
        JsonObject doc = JsonParser.parseString(VALID).getAsJsonObject();
        for (int i = 0; i < mutations; i++) {
            mutate(doc, rnd);
        }
        readsOrRejects(doc.toString());
    }

    @Provide
    Arbitrary<String> textMutations() {
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<String> junk = Arbitraries.strings().withChars("{}[]\",:0123456789.-eE truefalsnul\\u").ofMaxLength(8);
        Arbitrary<String> deleted = pos.flatMap(a -> Arbitraries.integers().between(1, 200)
                .map(n -> VALID.substring(0, a) + VALID.substring(Math.min(VALID.length(), a + n))));
        Arbitrary<String> inserted = pos.flatMap(a -> junk.map(j -> VALID.substring(0, a) + j + VALID.substring(a)));
        Arbitrary<String> replaced = pos.flatMap(a -> junk.map(j -> VALID.substring(0, a) + j
                + VALID.substring(Math.min(VALID.length(), a + j.length()))));
        Arbitrary<String> flipped = pos.map(a -> {
            char[] c = VALID.toCharArray();
            c[a] = (char) (c[a] ^ 0x01);
            return new String(c);
        });
        return Arbitraries.oneOf(deleted, inserted, replaced, flipped);
    }

    private static void mutate(JsonObject root, Random rnd) {
        List<Runnable> edits = new ArrayList<>();
        collect(root, rnd, edits);
        if (!edits.isEmpty()) {
            edits.get(rnd.nextInt(edits.size())).run();
        }
    }

    /** Gathers one possible edit per value in the tree: replace it, remove it, or retype it. */
    private static void collect(JsonElement e, Random rnd, List<Runnable> edits) {
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            for (String key : new ArrayList<>(o.keySet())) {
                JsonElement child = o.get(key);
                edits.add(() -> {
                    switch (rnd.nextInt(4)) {
                        case 0 -> o.remove(key);
                        case 1 -> o.add(key, WEIRD[rnd.nextInt(WEIRD.length)]);
                        case 2 -> o.add(key, nudge(child, rnd));
                        default -> o.add(key + "_x", child);
                    }
                });
                collect(child, rnd, edits);
            }
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                int idx = i;
                JsonElement child = a.get(i);
                edits.add(() -> {
                    switch (rnd.nextInt(3)) {
                        case 0 -> a.remove(idx);
                        case 1 -> a.set(idx, WEIRD[rnd.nextInt(WEIRD.length)]);
                        default -> a.add(child.deepCopy());
                    }
                });
                collect(child, rnd, edits);
            }
        }
    }

    /** A plausible-looking wrong value: numbers shifted, strings altered. */
    private static JsonElement nudge(JsonElement e, Random rnd) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            long delta = new long[] {-1, 1, 255, 65535, -1000, Integer.MAX_VALUE}[rnd.nextInt(6)];
            return new JsonPrimitive(e.getAsJsonPrimitive().getAsBigDecimal().add(java.math.BigDecimal.valueOf(delta)));
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            String s = e.getAsString();
            return new JsonPrimitive(s.isEmpty() ? "?" : s.substring(0, rnd.nextInt(s.length())) + "z");
        }
        if (e.isJsonPrimitive()) {
            return new JsonPrimitive(!e.getAsBoolean());
        }
        return JsonNull.INSTANCE;
    }
}
