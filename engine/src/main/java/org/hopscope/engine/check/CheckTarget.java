package org.hopscope.engine.check;

import org.hopscope.engine.format.AddressLiterals;

/**
 * A target as the user gives it: {@code host}, {@code host:port}, {@code [2001:db8::1]:443}; port 443
 * (HTTPS: what helpdesk targets usually are) unless given.
 */
public record CheckTarget(String host, int port) {
    public static final int DEFAULT_PORT = 443;

    public CheckTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the target is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }

    /** @throws IllegalArgumentException with a sentence for the user */
    public static CheckTarget parse(String text) {
        String t = text.strip();
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in '" + text + "'");
            }
            String host = t.substring(1, close);
            if (close + 1 == t.length()) {
                return new CheckTarget(host, DEFAULT_PORT);
            }
            if (t.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected ':PORT' after ']' in '" + text + "'");
            }
            return new CheckTarget(host, port(t.substring(close + 2), text));
        }
        int colon = t.indexOf(':');
        if (colon > 0 && colon == t.lastIndexOf(':')) {
            return new CheckTarget(t.substring(0, colon), port(t.substring(colon + 1), text));
        }
        if (colon >= 0 && AddressLiterals.parse(t) == null) {
            throw new IllegalArgumentException("'" + text + "' is neither host[:port] nor an address");
        }
        return new CheckTarget(t, DEFAULT_PORT);
    }

    private static int port(String s, String text) {
        if (!s.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("bad port in '" + text + "'");
        }
        return Integer.parseInt(s);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + (port == DEFAULT_PORT ? "" : ":" + port);
    }
}
