package org.hopscope.engine.transport.helper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportException;

/**
 * One running helper process: its stdin for requests, a reader thread turning stdout into {@link
 * HelperLine}s, and a second thread keeping the last lines of stderr so a failure can say what the
 * helper said. When stdout ends (the helper exited, crashed or was killed) the reader reports once
 * how it ended, with its exit status and last words.
 */
final class HelperProcess implements AutoCloseable {
    private static final int STDERR_LINES = 8;
    private static final long EXIT_WAIT_MS = 2000;

    private final Process process;
    private final String name;
    private final OutputStream stdin;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrThread;

    interface Listener {
        void line(HelperLine line);

        /** The helper's stdout ended; {@code why} says how the process ended. Called once, last. */
        void ended(String why);
    }

    private HelperProcess(Process process, String name) {
        this.process = process;
        this.name = name;
        this.stdin = process.getOutputStream();
        this.stderrThread = daemon("hopscope-helper-stderr", this::drainStderr);
    }

    /**
     * Starts {@code command} (the helper, possibly behind a launcher such as {@code ip netns exec}).
     *
     * @param name how messages call the helper, normally its path
     */
    static HelperProcess start(List<String> command, String name, Listener listener) throws TransportException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new TransportException(TransportError.TRANSPORT_FAILED,
                    "cannot run the helper " + name + ": " + e.getMessage(), e);
        }
        HelperProcess hp = new HelperProcess(p, name);
        hp.stderrThread.start();
        daemon("hopscope-helper-stdout", () -> hp.readStdout(listener)).start();
        return hp;
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void readStdout(Listener listener) {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    listener.line(HelperLine.parse(line));
                } catch (HelperProtocolException e) {
                    remember("(unreadable stdout line) " + e.getMessage());
                }
            }
        } catch (IOException e) {
            remember("(reading stdout failed: " + e.getMessage() + ")");
        }
        listener.ended(describeExit());
    }

    private void drainStderr() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                remember(line);
            }
        } catch (IOException e) {
            // the process is gone; what it said so far is kept
        }
    }

    private void remember(String line) {
        synchronized (stderrTail) {
            if (stderrTail.size() == STDERR_LINES) {
                stderrTail.removeFirst();
            }
            stderrTail.addLast(line);
        }
    }

    /** Writes one request line; callers on different threads never interleave. */
    void write(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (stdin) {
            stdin.write(bytes);
            stdin.flush();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** "exited with status 1" / "was killed by signal 9 (SIGKILL)", plus its last stderr lines. */
    String describeExit() {
        try {
            if (!process.waitFor(EXIT_WAIT_MS, TimeUnit.MILLISECONDS)) {
                return "the helper " + name + " closed its output but is still running";
            }
            stderrThread.join(500); // its last words may still be in the pipe
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the helper " + name + " stopped answering";
        }
        int status = process.exitValue();
        // The JDK reports a death by signal N as 128 + N.
        String how = status > 128 && status < 128 + 65 ? "was killed by signal " + (status - 128) + signalName(status - 128)
                : "exited with status " + status;
        String said = lastWords();
        return "the helper " + name + " " + how + (said.isEmpty() ? "" : " (it said: " + said + ")");
    }

    String lastWords() {
        synchronized (stderrTail) {
            return String.join(" | ", stderrTail);
        }
    }

    private static String signalName(int sig) {
        return switch (sig) {
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }

    /** Ends the session as the protocol asks (close stdin), then insists if the helper lingers. */
    @Override
    public void close() {
        try {
            synchronized (stdin) {
                stdin.close();
            }
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(EXIT_WAIT_MS + 500, TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
