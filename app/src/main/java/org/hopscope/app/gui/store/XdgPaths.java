package org.hopscope.app.gui.store;

import java.nio.file.Path;

/** XDG base directories (XDG_DATA_HOME, XDG_CONFIG_HOME) with their specified fallbacks. */
public final class XdgPaths {
    private XdgPaths() {
    }

    public static Path dataHome() {
        return base("XDG_DATA_HOME", ".local/share");
    }

    public static Path configHome() {
        return base("XDG_CONFIG_HOME", ".config");
    }

    /** Where finished traces are saved automatically. System property first, for tests. */
    public static Path tracesDir() {
        String p = System.getProperty("hopscope.traces.dir");
        return p != null ? Path.of(p) : dataHome().resolve("hopscope").resolve("traces");
    }

    public static Path settingsFile() {
        String p = System.getProperty("hopscope.gui.settings");
        return p != null ? Path.of(p) : configHome().resolve("hopscope").resolve("gui.json");
    }

    private static Path base(String env, String fallback) {
        String v = System.getenv(env);
        // the spec says relative values are invalid and must be ignored
        if (v != null && !v.isBlank() && Path.of(v).isAbsolute()) {
            return Path.of(v);
        }
        return Path.of(System.getProperty("user.home")).resolve(fallback);
    }
}
