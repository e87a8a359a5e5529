package org.hopscope.engine.transport.helper;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
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
import org.hopscope.engine.transport.TransportException;

/**
 * A helper session speaking protocol version 2, for TCP InSession probing: besides {@code send} it
 * has {@code watch} (PROTOCOL.md §3.6), which makes the helper report the segments of one of the
 * caller's own TCP connections (owner-checked by the helper with sock_diag, payload cut). Kept apart
 * from {@link HelperTransport}, whose session speaks version 1 for the other probe kinds.
 *
 * <p>Probe tokens are {@code pN}, watch tokens {@code wN}, control tokens {@code cN}; everything
 * about probes and watches arrives in {@link #poll} order as {@link Event}s.
 */
public final class ConnectionHelper implements AutoCloseable, HelperProcess.Listener {
    /** The protocol version with {@code watch}. */
    public static final int VERSION = 2;
    private static final HexFormat HEX = HexFormat.of();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** What the helper said about a probe ({@code watch == false}) or a watch. */
    public sealed interface Event {
    }

    public record Sent(long token, long sentNanos) implements Event {
    }

    /** A packet: an ICMP error or TCP segment answering probe {@code token}, or a segment of watch {@code token}. */
    public record Reply(long token, boolean watch, byte[] packet, long receivedNanos) implements Event {
        public Reply {
            packet = packet.clone();
        }

        @Override
        public byte[] packet() {
            return packet.clone();
        }
    }

    public record Expired(long token, boolean watch) implements Event {
    }

    /** The helper refused probe {@code token}; nothing was sent. */
    public record Refused(long token, TransportError error, String detail) implements Event {
    }

    /** The helper is gone; nothing follows. */
    public record Ended(String why) implements Event {
    }

    private final String name;
    private final BlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
    private final ConcurrentMap<String, CompletableFuture<HelperLine>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextControl = new AtomicLong(1);
    private volatile String endedWhy;
    private HelperProcess process;

    private ConnectionHelper(String name) {
        this.name = name;
    }

    /** Starts the helper of {@code launch} and agrees on version 2, or says why it cannot be used. */
    public static ConnectionHelper start(HelperTransport.Launch launch) throws TransportException {
        ConnectionHelper h = new ConnectionHelper(launch.helper().toString());
        h.process = HelperProcess.start(launch.command(), h.name, h);
        try {
            HelperHello hello = HelperHello.parse(h.await("c0", "hello " + VERSION));
            if (hello.version() < VERSION) {
                throw new TransportException(TransportError.UNSUPPORTED, "the helper " + h.name
                        + " speaks protocol version " + hello.version() + "; TCP InSession needs version " + VERSION);
            }
            if (!hello.privileged()) {
                throw new TransportException(TransportError.PERMISSION_DENIED,
                        "the helper is installed without its privilege: run `sudo setcap cap_net_raw+ep " + h.name + "`");
            }
            if (!hello.caps().contains("tcp-owner-check")) {
                throw new TransportException(TransportError.UNSUPPORTED,
                        "the helper cannot check TCP connection owners (sock_diag), so it refuses in-session probes");
            }
            return h;
        } catch (HelperProtocolException e) {
            h.close();
            throw new TransportException(TransportError.TRANSPORT_FAILED, e.getMessage(), e);
        } catch (TransportException e) {
            h.close();
            throw e;
        }
    }

    /**
     * Registers a watch on the connection {@code local:lport -> remote:rport} and waits for {@code
     * watching}: connect only after this returns, so the SYN-ACK cannot come first.
     */
    public void watch(long token, InetAddress local, int lport, InetAddress remote, int rport, int timeoutMs)
            throws TransportException {
        await("w" + token, "watch timeout-ms " + timeoutMs + " src " + local.getHostAddress() + " sport " + lport
                + " dst " + remote.getHostAddress() + " dport " + rport);
    }

    public void send(long token, byte[] packet, int timeoutMs) throws TransportException {
        write("p" + token + " send timeout-ms " + timeoutMs + " packet " + HEX.formatHex(packet));
    }

    /** Ends a watch early; its {@code cancelled} answer is not awaited. */
    public void cancelWatch(long token) throws TransportException {
        write("c" + nextControl.getAndIncrement() + " cancel w" + token);
    }

    /** The next event, or null after {@code timeoutNanos}. */
    public Event poll(long timeoutNanos) throws InterruptedException {
        return inbox.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    }

    private HelperLine await(String token, String command) throws TransportException {
        CompletableFuture<HelperLine> f = new CompletableFuture<>();
        pending.put(token, f);
        try {
            write(token + " " + command);
            HelperLine line = f.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (line.kind().equals("error")) {
                throw new TransportException(HelperErrors.kind(line), HelperErrors.detail(line));
            }
            return line;
        } catch (ExecutionException e) {
            throw new TransportException(TransportError.TRANSPORT_FAILED, String.valueOf(endedWhy), e);
        } catch (TimeoutException e) {
            throw new TransportException(TransportError.TRANSPORT_FAILED, "the helper " + name + " did not answer '"
                    + command.split(" ", 2)[0] + "' within " + REQUEST_TIMEOUT.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(TransportError.TRANSPORT_FAILED, "interrupted while talking to the helper");
        } finally {
            pending.remove(token);
        }
    }

    private void write(String line) throws TransportException {
        if (endedWhy != null) {
            throw new TransportException(TransportError.TRANSPORT_FAILED, endedWhy);
        }
        try {
            process.write(line);
        } catch (IOException e) {
            throw new TransportException(TransportError.TRANSPORT_FAILED, process.describeExit(), e);
        }
    }

    @Override
    public void line(HelperLine line) {
        String token = line.token();
        CompletableFuture<HelperLine> waiting = pending.get(token);
        if (waiting != null && !line.kind().equals("reply") && !line.kind().equals("expired")) {
            waiting.complete(line);
            return;
        }
        if (token.length() < 2 || (token.charAt(0) != 'p' && token.charAt(0) != 'w')) {
            return; // answers to cancel, or "-"
        }
        boolean watch = token.charAt(0) == 'w';
        long n;
        try {
            n = Long.parseLong(token.substring(1));
        } catch (NumberFormatException e) {
            return;
        }
        try {
            switch (line.kind()) {
                case "sent" -> inbox.add(new Sent(n, line.number("time-ns")));
                case "reply" -> inbox.add(new Reply(n, watch, HEX.parseHex(line.value("packet")), line.number("time-ns")));
                case "expired" -> inbox.add(new Expired(n, watch));
                case "error" -> inbox.add(new Refused(n, HelperErrors.kind(line), HelperErrors.detail(line)));
                default -> {
                    // a kind added later within the version (PROTOCOL.md §8): ignored
                }
            }
        } catch (HelperProtocolException | IllegalArgumentException e) {
            // a malformed line: dropped; the engine's own timers cover it
        }
    }

    @Override
    public void ended(String why) {
        endedWhy = why;
        for (CompletableFuture<HelperLine> f : pending.values()) {
            f.completeExceptionally(new IOException(why));
        }
        inbox.add(new Ended(why));
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
