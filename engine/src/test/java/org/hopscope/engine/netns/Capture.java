package org.hopscope.engine.netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A packet capture inside a namespace with Wireshark's dumpcap (what tshark captures with), started
 * before and stopped after the traffic of interest; {@link #frames()} converts it with tshark to a
 * nanosecond pcap and reads it. Timestamps are the kernel's (the same clock the engine uses).
 */
public final class Capture implements AutoCloseable {
    private final Process process;
    private final Path pcapng;
    private final Path dir;
    private boolean stopped;

    private Capture(Process process, Path pcapng, Path dir) {
        this.process = process;
        this.pcapng = pcapng;
        this.dir = dir;
    }

    /**
     * Starts capturing on {@code iface} ("any" for all) in {@code ns}; returns once dumpcap says it is
     * capturing.
     */
    public static Capture start(Netns ns, String iface) {
        try {
            Path dir = Files.createTempDirectory("hs-capture");
            Path file = dir.resolve("capture.pcapng");
            Process p = new ProcessBuilder(Cmd.concat(ns.prefix(),
                    List.of("dumpcap", "-q", "-i", iface, "-w", file.toString()))).redirectErrorStream(true).start();
            CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> awaitCapturing(p.getInputStream()));
            ready.get(15, TimeUnit.SECONDS);
            NetnsRun.sleep(200); // dumpcap prints before its socket is fully armed
            return new Capture(p, file, dir);
        } catch (Exception e) {
            throw new IllegalStateException("dumpcap did not start capturing in " + ns.name() + ": " + e, e);
        }
    }

    private static void awaitCapturing(InputStream in) {
        StringBuilder line = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    if (line.toString().startsWith("Capturing on")) {
                        drainInBackground(in);
                        return;
                    }
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("dumpcap exited: " + line);
    }

    private static void drainInBackground(InputStream in) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // dumpcap ended
            }
        }, "dumpcap-output");
        t.setDaemon(true);
        t.start();
    }

    /** Stops dumpcap (SIGTERM to its pid; it flushes and exits) and waits for it. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        NetnsRun.sleep(200); // let the last packets of interest reach the capture
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every captured frame, as IP packets with nanosecond timestamps. */
    public List<PcapFile.Frame> frames() {
        stop();
        Path pcap = dir.resolve("capture.pcap");
        Cmd.Result r = Cmd.run(Duration.ofSeconds(60), null, java.util.Map.of(),
                List.of("tshark", "-r", pcapng.toString(), "-F", "nsecpcap", "-w", pcap.toString()));
        if (!r.ok()) {
            throw new IllegalStateException("tshark could not convert the capture: " + r.err());
        }
        return PcapFile.read(pcap);
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // temporary files only
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
