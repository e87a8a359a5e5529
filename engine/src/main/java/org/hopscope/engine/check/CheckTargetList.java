package org.hopscope.engine.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The default targets of the check, kept in the user's settings: {@code
 * $XDG_CONFIG_HOME/hopscope/check-targets} (else {@code ~/.config/hopscope/check-targets}), one
 * {@code host[:port]} per line, {@code #} comments. Nothing is built in: an organisation fills it with
 * its own services (intranet, VPN concentrator, SaaS it depends on).
 */
public final class CheckTargetList {
    private CheckTargetList() {
    }

    /** The settings file (system property {@code hopscope.check.targets} first, for tests). */
    public static Path defaultFile() {
        String p = System.getProperty("hopscope.check.targets");
        if (p != null) {
            return Path.of(p);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("hopscope").resolve("check-targets");
    }

    /**
     * The targets in {@code file}; empty if it does not exist.
     *
     * @throws IOException when it exists but cannot be read
     * @throws IllegalArgumentException naming the line of a malformed target
     */
    public static List<CheckTarget> load(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<CheckTarget> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int hash = l.indexOf('#');
            String t = (hash >= 0 ? l.substring(0, hash) : l).strip();
            if (t.isEmpty()) {
                continue;
            }
            try {
                out.add(CheckTarget.parse(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Writes {@code targets}, one a line (creating the directory). */
    public static void save(Path file, List<CheckTarget> targets) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String> lines = new ArrayList<>();
        lines.add("# Hopscope connectivity check targets: host[:port] (port 443 if omitted), one a line");
        targets.forEach(t -> lines.add(t.toString()));
        Files.write(file, lines);
    }
}
