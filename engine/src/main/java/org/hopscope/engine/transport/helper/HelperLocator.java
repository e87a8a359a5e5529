package org.hopscope.engine.transport.helper;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportException;

/**
 * Finds the {@code hopscope-helper} binary. Order: {@code $HOPSCOPE_HELPER} (when set it is the only
 * candidate, so a typo is reported instead of silently running another helper), then next to the
 * installed application (the directory of the engine's jar, its parent, and the parent's {@code bin},
 * {@code lib}, {@code libexec}), then a development checkout's {@code native-helper/target/}
 * (searched upwards from the engine's classes and from the working directory), then the usual system
 * locations.
 *
 * <p>The engine itself is unprivileged, so which helper it runs grants nothing by itself: only a
 * binary the administrator gave {@code cap_net_raw} (or setuid) can open raw sockets.
 */
public final class HelperLocator {
    public static final String ENV = "HOPSCOPE_HELPER";
    public static final String FILE_NAME = "hopscope-helper";
    private static final List<String> SYSTEM_DIRS = List.of(
            "/usr/lib/hopscope", "/usr/libexec/hopscope", "/opt/hopscope/lib", "/opt/hopscope/bin");
    private static final int CHECKOUT_LEVELS = 6;

    private final Map<String, String> env;
    private final Optional<Path> codeLocation;
    private final Path workingDirectory;

    public HelperLocator(Map<String, String> env, Optional<Path> codeLocation, Path workingDirectory) {
        this.env = Map.copyOf(env);
        this.codeLocation = codeLocation;
        this.workingDirectory = workingDirectory;
    }

    /** The locator for this process: its environment, the engine's own jar, the working directory. */
    public static HelperLocator forThisProcess() {
        return new HelperLocator(System.getenv(), engineCodeLocation(), Path.of("").toAbsolutePath());
    }

    /** Every place looked at, in order. */
    public List<Path> candidates() {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return List.of(Path.of(fromEnv));
        }
        LinkedHashSet<Path> c = new LinkedHashSet<>();
        codeLocation.ifPresent(code -> {
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            if (dir != null) {
                c.add(dir.resolve(FILE_NAME));
                Path up = dir.getParent();
                if (up != null) {
                    // jpackage's layout: jars in <lib>/app, the helper the packages install in <lib>
                    // (/usr/lib/hopscope/hopscope-helper, or hopscope/lib/ in the app image); looked at
                    // before any checkout, so the installed app never runs a development helper
                    c.add(up.resolve(FILE_NAME));
                    for (String sub : List.of("bin", "lib", "libexec")) {
                        c.add(up.resolve(sub).resolve(FILE_NAME));
                    }
                }
                c.addAll(inCheckout(dir));
            }
        });
        c.addAll(inCheckout(workingDirectory));
        for (String d : SYSTEM_DIRS) {
            c.add(Path.of(d, FILE_NAME));
        }
        return List.copyOf(c);
    }

    /** The first executable candidate, or an exception listing where it looked and how to fix it. */
    public Path locate() throws TransportException {
        List<Path> looked = candidates();
        for (Path p : looked) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        String fromEnv = env.get(ENV);
        String why = fromEnv != null && !fromEnv.isBlank()
                ? ENV + "=" + fromEnv + " is not an executable file"
                : "the native helper (" + FILE_NAME + ") was not found; looked in " + looked
                        + "; build it with `make -C native-helper` or set " + ENV;
        throw new TransportException(TransportError.TRANSPORT_FAILED, why);
    }

    private static List<Path> inCheckout(Path start) {
        List<Path> out = new ArrayList<>();
        Path p = start;
        for (int i = 0; i < CHECKOUT_LEVELS && p != null; i++, p = p.getParent()) {
            out.add(p.resolve("native-helper").resolve("target").resolve(FILE_NAME));
        }
        return out;
    }

    private static Optional<Path> engineCodeLocation() {
        try {
            CodeSource cs = HelperLocator.class.getProtectionDomain().getCodeSource();
            return cs == null ? Optional.empty() : Optional.of(Path.of(cs.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
