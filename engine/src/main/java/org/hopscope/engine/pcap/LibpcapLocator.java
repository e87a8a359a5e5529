package org.hopscope.engine.pcap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds libpcap for pcap4j. pcap4j asks JNA for the library by the name "pcap", which only resolves
 * through the unversioned libpcap.so symlink of the -dev package; Debian's runtime package ships only
 * libpcap.so.0.8. So the path is looked up here and handed to pcap4j through its system property
 * before pcap4j's native mappings are first touched (they read it once, in a static initialiser).
 */
final class LibpcapLocator {
    static final String PROPERTY = "org.pcap4j.core.pcapLibName";

    private static final List<String> CANDIDATES = List.of(
            "/usr/lib/x86_64-linux-gnu/libpcap.so.0.8",
            "/lib/x86_64-linux-gnu/libpcap.so.0.8",
            "/usr/lib/aarch64-linux-gnu/libpcap.so.0.8",
            "/lib/aarch64-linux-gnu/libpcap.so.0.8",
            "/usr/lib/x86_64-linux-gnu/libpcap.so",
            "/usr/lib64/libpcap.so.1",
            "/usr/lib64/libpcap.so",
            "/usr/lib/libpcap.so.1",
            "/usr/lib/libpcap.so",
            "/usr/lib/libpcap.A.dylib",
            "/opt/homebrew/opt/libpcap/lib/libpcap.dylib");

    private LibpcapLocator() {
    }

    /** Sets the property unless the user already did; fails when no library is found. */
    static synchronized void configure() throws PcapUnavailableException {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        Path library = locate().orElseThrow(() -> new PcapUnavailableException(
                "libpcap not found (looked in " + CANDIDATES + " and ldconfig -p); install libpcap "
                        + "(Debian: apt-get install libpcap0.8) or set -D" + PROPERTY + "=/path/to/libpcap.so"));
        System.setProperty(PROPERTY, library.toString());
    }

    static Optional<Path> locate() {
        for (String candidate : CANDIDATES) {
            Path p = Path.of(candidate);
            if (Files.isReadable(p)) {
                return Optional.of(p);
            }
        }
        return fromLdconfig();
    }

    /** Lines of {@code ldconfig -p} read like "libpcap.so.0.8 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpcap.so.0.8". */
    private static Optional<Path> fromLdconfig() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (!Files.isExecutable(Path.of(ldconfig))) {
                continue;
            }
            try {
                Process process = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                Optional<Path> found = Optional.empty();
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        String t = line.trim();
                        int arrow = t.indexOf("=>");
                        if (found.isEmpty() && t.startsWith("libpcap.so") && arrow > 0) {
                            Path p = Path.of(t.substring(arrow + 2).trim());
                            if (Files.isReadable(p)) {
                                found = Optional.of(p);
                            }
                        }
                    }
                }
                process.waitFor(5, TimeUnit.SECONDS);
                if (found.isPresent()) {
                    return found;
                }
            } catch (IOException e) {
                // try the next location
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
