package org.hopscope.engine.transport.helper;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line the helper wrote on stdout: {@code TOKEN KIND ARGS...} (PROTOCOL.md §1). The arguments
 * are kept as words because their shape depends on the kind: {@code KEY VALUE} pairs for hello,
 * sent, reply and stats; a positional kind then {@code key=value} details for errors.
 */
record HelperLine(String token, String kind, List<String> args) {

    HelperLine {
        args = List.copyOf(args);
    }

    /** Splits a line on runs of spaces or tabs; a trailing {@code \r} is ignored as the protocol says. */
    static HelperLine parse(String line) throws HelperProtocolException {
        String trimmed = line.strip();
        String[] words = trimmed.isEmpty() ? new String[0] : trimmed.split("[ \t]+");
        if (words.length < 2) {
            throw new HelperProtocolException("the helper wrote a line without token and kind: '" + abbreviate(line) + "'");
        }
        return new HelperLine(words[0], words[1], Arrays.asList(words).subList(2, words.length));
    }

    /**
     * The arguments read as {@code KEY VALUE} pairs. The first occurrence of a key wins; keys this
     * engine does not know are kept but never required (the helper may add keys within a version, §8).
     */
    Map<String, String> pairs() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            m.putIfAbsent(args.get(i), args.get(i + 1));
        }
        return m;
    }

    String value(String key) throws HelperProtocolException {
        String v = pairs().get(key);
        if (v == null) {
            throw new HelperProtocolException("the helper's '" + kind + "' line lacks '" + key + "': " + this);
        }
        return v;
    }

    long number(String key) throws HelperProtocolException {
        String v = value(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new HelperProtocolException("the helper's '" + key + "' is not a number: " + v);
        }
    }

    @Override
    public String toString() {
        return abbreviate(token + " " + kind + (args.isEmpty() ? "" : " " + String.join(" ", args)));
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
