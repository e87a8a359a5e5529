package org.hopscope.engine.netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command to completion with a time limit (every harness command is bounded), capturing its
 * output. No shell is involved: arguments are passed as they are.
 */
public final class Cmd {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Cmd() {
    }

    /** What a finished command printed, and its exit status. */
    public record Result(List<String> command, int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        /** This result, or an exception showing the command and everything it printed. */
        public Result check() {
            if (exit != 0) {
                throw new IllegalStateException("command failed (exit " + exit + "): " + String.join(" ", command)
                        + (out.isBlank() ? "" : "\nstdout: " + out.strip()) + (err.isBlank() ? "" : "\nstderr: " + err.strip()));
            }
            return this;
        }
    }

    public static Result run(String... argv) {
        return run(DEFAULT_TIMEOUT, null, Map.of(), List.of(argv));
    }

    /** Runs and fails unless the exit status is 0. */
    public static Result check(String... argv) {
        return run(argv).check();
    }

    /**
     * @param stdin written to the command's stdin, then closed; null for none
     * @param env added to the inherited environment
     */
    public static Result run(Duration timeout, String stdin, Map<String, String> env, List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", argv), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
        try {
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("command timed out after " + timeout.toSeconds() + " s: " + String.join(" ", argv));
            }
            return new Result(List.copyOf(argv), p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", argv), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the output of " + String.join(" ", argv), e);
        }
    }

    private static String slurp(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Whether {@code tool} is an executable on the PATH (or an absolute path). */
    public static boolean available(String tool) {
        if (tool.startsWith("/")) {
            return java.nio.file.Files.isExecutable(java.nio.file.Path.of(tool));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
                return true;
            }
        }
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin", tool))
                || java.nio.file.Files.isExecutable(java.nio.file.Path.of("/sbin", tool));
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> c = new ArrayList<>(a);
        c.addAll(b);
        return c;
    }
}
