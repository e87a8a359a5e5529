package org.hopscope.engine.transport.helper;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;

/**
 * One helper process from hello to exit. The stdout reader thread routes every line: answers to
 * control requests (hello, set-rate, stats; tokens {@code cN}) complete the waiting request; lines
 * about probes (tokens {@code pN}, N being the engine's token) become items of the {@link #inbox()},
 * which only the engine thread consumes. The last item is always {@link Ended}.
 */
final class HelperSession implements AutoCloseable, HelperProcess.Listener {
    private static final HexFormat HEX = HexFormat.of();

    /** The helper refused a probe only for now (rate-limited, too-many-in-flight): send it again later. */
    record Busy(long token, TransportError error, String detail) {
    }

    /** The helper dropped the probe from its table (timeout): no line about it follows. */
    record Expired(long token) {
    }

    /** The helper is gone; nothing follows. */
    record Ended(String why) {
    }

    /** Put by {@link HelperTransport#close()} to wake a poll. */
    static final Object WAKE = new Object();

    private final String name;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final ConcurrentMap<String, CompletableFuture<HelperLine>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextControl = new AtomicLong(1);
    private volatile String endedWhy;
    private volatile HelperProcess process;
    private HelperHello hello;

    private HelperSession(String name) {
        this.name = name;
    }

    /**
     * Spawns the helper and completes the hello exchange (PROTOCOL.md §2): refuses a helper speaking
     * another version and one that runs without its privilege.
     */
    static HelperSession start(List<String> command, String name, Duration timeout) throws TransportException {
        HelperSession s = new HelperSession(name);
        s.process = HelperProcess.start(command, name, s);
        try {
            HelperLine line = s.request("hello " + HelperHello.ENGINE_VERSION, timeout);
            HelperHello h = HelperHello.parse(line);
            if (h.version() != HelperHello.ENGINE_VERSION) {
                throw new TransportException(TransportError.TRANSPORT_FAILED, "the helper " + name
                        + " speaks protocol version " + h.version() + ", this engine needs " + HelperHello.ENGINE_VERSION);
            }
            if (!h.privileged()) {
                throw new TransportException(TransportError.PERMISSION_DENIED,
                        "the helper is installed without its privilege: run `sudo setcap cap_net_raw+ep " + name + "`");
            }
            if (!h.ipv4() && !h.ipv6()) {
                throw new TransportException(TransportError.UNSUPPORTED, "the helper " + name
                        + " could open no usable raw socket (missing: " + String.join(",", h.missing()) + ")");
            }
            s.hello = h;
            return s;
        } catch (HelperProtocolException e) {
            s.close();
            throw new TransportException(TransportError.TRANSPORT_FAILED, e.getMessage(), e);
        } catch (TransportException e) {
            s.close();
            throw e;
        }
    }

    HelperHello hello() {
        return hello;
    }

    BlockingQueue<Object> inbox() {
        return inbox;
    }

    boolean ended() {
        return endedWhy != null;
    }

    String endedWhy() {
        return endedWhy;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void line(HelperLine line) {
        String token = line.token();
        if (token.startsWith("c")) {
            CompletableFuture<HelperLine> f = pending.remove(token);
            if (f != null) {
                f.complete(line);
            }
            return; // answers to cancel are not waited for
        }
        if (!token.startsWith("p")) {
            return; // "-": the helper could not read one of our lines' token; that request gets no other answer
        }
        long probe;
        try {
            probe = Long.parseLong(token.substring(1));
        } catch (NumberFormatException e) {
            return;
        }
        try {
            switch (line.kind()) {
                case "sent" -> inbox.add(new TransportEvent.Sent(probe, line.number("time-ns")));
                case "reply" -> inbox.add(new TransportEvent.Received(HEX.parseHex(line.value("packet")),
                        line.number("time-ns"), probe));
                case "expired" -> inbox.add(new Expired(probe));
                case "error" -> {
                    TransportError e = HelperErrors.kind(line);
                    String detail = HelperErrors.detail(line);
                    boolean transientRefusal = e == TransportError.RATE_LIMITED || e == TransportError.TOO_MANY_IN_FLIGHT;
                    inbox.add(transientRefusal ? new Busy(probe, e, detail) : new TransportEvent.SendFailed(probe, e, detail));
                }
                default -> {
                    // a kind added by a later protocol revision: ignored, as PROTOCOL.md §8 allows
                }
            }
        } catch (HelperProtocolException | IllegalArgumentException e) {
            // a malformed reply (bad hex, missing time): dropped; the probe will time out in the engine
        }
    }

    @Override
    public void ended(String why) {
        endedWhy = why;
        for (CompletableFuture<HelperLine> f : pending.values()) {
            f.completeExceptionally(new IOException(why));
        }
        pending.clear();
        inbox.add(new Ended(why));
    }

    /** Sends a control request and waits for its answer; an {@code error} answer becomes an exception. */
    HelperLine request(String command, Duration timeout) throws TransportException {
        String token = "c" + nextControl.getAndIncrement();
        CompletableFuture<HelperLine> f = new CompletableFuture<>();
        pending.put(token, f);
        String verb = command.split(" ", 2)[0];
        try {
            if (endedWhy != null) {
                throw new TransportException(TransportError.TRANSPORT_FAILED, endedWhy);
            }
            process.write(token + " " + command);
            HelperLine line = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line.kind().equals("error")) {
                throw new TransportException(HelperErrors.kind(line), HelperErrors.detail(line));
            }
            return line;
        } catch (IOException | ExecutionException e) {
            throw new TransportException(TransportError.TRANSPORT_FAILED, diedWhy(), e);
        } catch (TimeoutException e) {
            throw new TransportException(TransportError.TRANSPORT_FAILED, "the helper " + name
                    + " did not answer '" + verb + "' within " + timeout.toMillis() + " ms"
                    + (process.lastWords().isEmpty() ? "" : " (it said: " + process.lastWords() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(TransportError.TRANSPORT_FAILED, "interrupted while talking to the helper");
        } finally {
            pending.remove(token);
        }
    }

    void send(long token, byte[] packet, int timeoutMs) throws TransportException {
        write("p" + token + " send timeout-ms " + timeoutMs + " packet " + HEX.formatHex(packet));
    }

    /** Frees the helper's slot for a probe already answered; its {@code cancelled} line is not awaited. */
    void cancel(long token) throws TransportException {
        write("c" + nextControl.getAndIncrement() + " cancel p" + token);
    }

    /** As {@link #cancel(long)} for several probes, in one write (at high rates a write per line costs). */
    void cancel(List<Long> tokens) throws TransportException {
        if (tokens.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder(tokens.size() * 24);
        for (long t : tokens) {
            if (lines.length() > 0) {
                lines.append('\n');
            }
            lines.append('c').append(nextControl.getAndIncrement()).append(" cancel p").append(t);
        }
        write(lines.toString());
    }

    private void write(String line) throws TransportException {
        try {
            process.write(line);
        } catch (IOException e) {
            throw new TransportException(TransportError.TRANSPORT_FAILED, diedWhy(), e);
        }
    }

    /** Why writing failed: the reader's account of the exit once it has one (it waits for the exit). */
    private String diedWhy() {
        if (endedWhy == null) {
            String why = process.describeExit();
            return why;
        }
        return endedWhy;
    }

    @Override
    public void close() {
        HelperProcess p = process;
        if (p != null) {
            p.close();
        }
    }
}
