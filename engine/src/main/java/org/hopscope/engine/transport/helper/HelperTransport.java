package org.hopscope.engine.transport.helper;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;
import org.hopscope.engine.transport.datagram.LocalRoute;

/**
 * Probes through the privileged native helper (native-helper/PROTOCOL.md): every crafted packet
 * goes out byte for byte over a raw socket, and the helper hands back the packets that answer.
 *
 * <p>Supervision: the helper is spawned and checked with {@code hello} when the transport starts. A
 * helper that dies (EOF on its stdout; the exit status and its last stderr lines say why) fails the
 * trace in progress exactly once, with a {@link TransportException} thrown from {@link #poll} or
 * {@link #send} after every event received before the death has been handed out, so the trace
 * keeps all its results. The next trace (its {@link #sourceAddressFor} or its first send) starts a
 * new helper.
 *
 * <p>Clock: {@link #nanoTime()} is CLOCK_REALTIME in nanoseconds since the epoch, the clock of the
 * helper's {@code sent} and kernel receive timestamps, so RTTs are differences of two kernel-side
 * readings taken in the helper.
 *
 * <p>Transient refusals (rate-limited, too-many-in-flight) are retried by the transport, paced by
 * the helper's rate, for as long as the probe's timeout; answered probes are cancelled in the
 * helper at once, which frees their slots for sustained high rates.
 */
public final class HelperTransport implements ProbeTransport {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(5);
    private static final long BUSY_RETRY_NANOS = 2_000_000;

    /** Finds the local source address probes to a destination leave from (needed for checksums). */
    @FunctionalInterface
    public interface SourceLookup {
        InetAddress sourceFor(InetAddress destination) throws TransportException;
    }

    /**
     * How to run the helper.
     *
     * @param helper the helper binary (named in messages, e.g. the setcap advice)
     * @param launcher words put before it, e.g. {@code ip netns exec NS setpriv --reuid=U --} in the
     *     namespace tests; empty normally
     */
    public record Launch(Path helper, List<String> launcher) {
        public Launch {
            launcher = List.copyOf(launcher);
        }

        public static Launch of(Path helper) {
            return new Launch(helper, List.of());
        }

        List<String> command() {
            List<String> c = new ArrayList<>(launcher);
            c.add(helper.toString());
            return c;
        }
    }

    private record Pending(byte[] packet, int timeoutMs, long firstTryNanos, long timeoutNanos) {
    }

    private record Retry(long token, long dueNanos) {
    }

    private final Launch launch;
    private final SourceLookup sources;
    private final ReentrantLock io = new ReentrantLock();
    private final TransportInfo info;
    private final Map<Long, Pending> unsent = new HashMap<>();
    private final PriorityQueue<Retry> retries = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private final Set<Long> unanswered = new HashSet<>();
    private final List<Long> answeredNow = new ArrayList<>();
    private volatile HelperSession session;
    private volatile boolean closed;
    private boolean failureReported;
    private volatile int rate;
    private int restarts;

    private HelperTransport(Launch launch, SourceLookup sources, HelperSession first) {
        this.launch = launch;
        this.sources = sources;
        this.session = first;
        this.info = describe(first.hello());
        this.rate = first.hello().rateLimit();
    }

    /** Spawns the helper found by {@link HelperLocator} and checks it; routes with the system's table. */
    public static HelperTransport startInstalled() throws TransportException {
        return start(Launch.of(HelperLocator.forThisProcess().locate()), LocalRoute::sourceFor);
    }

    /** Spawns the helper and checks it (version, privilege, sockets), or says why it cannot be used. */
    public static HelperTransport start(Launch launch, SourceLookup sources) throws TransportException {
        return new HelperTransport(launch, sources, spawn(launch));
    }

    private static HelperSession spawn(Launch launch) throws TransportException {
        return HelperSession.start(launch.command(), launch.helper().toString(), START_TIMEOUT);
    }

    private static TransportInfo describe(HelperHello h) {
        java.util.EnumSet<ProbeProtocol> protocols = java.util.EnumSet.of(ProbeProtocol.UDP, ProbeProtocol.ICMP);
        List<String> limits = new ArrayList<>();
        if (h.tcp()) {
            protocols.add(ProbeProtocol.TCP);
        } else {
            limits.add("no TCP probes (the helper cannot receive TCP)");
        }
        if (!h.ipv4()) {
            limits.add("no IPv4 (" + String.join(",", h.missing()) + " unavailable)");
        }
        if (h.ipv6()) {
            limits.add("IPv6 reply headers are rebuilt by the helper (flow label not reported)");
        }
        return new TransportInfo(TransportInfo.Kind.HELPER, "helper", protocols, h.ipv6(), true, limits);
    }

    @Override
    public TransportInfo info() {
        return info;
    }

    @Override
    public InetAddress sourceAddressFor(InetAddress destination) throws TransportException {
        io.lock();
        try {
            // A trace starts here: a helper that died since the last trace is replaced now.
            HelperSession s = session;
            if (s != null && s.ended()) {
                failureReported = true;
            }
            running();
        } finally {
            io.unlock();
        }
        return sources.sourceFor(destination);
    }

    @Override
    public long nanoTime() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public void send(long token, byte[] ipPacket, long timeoutNanos) throws TransportException {
        io.lock();
        try {
            HelperSession s = running();
            int max = s.hello().maxTimeoutMs();
            int ms = (int) Math.max(1, Math.min(max, (timeoutNanos + 999_999) / 1_000_000));
            unsent.put(token, new Pending(ipPacket.clone(), ms, nanoTime(), timeoutNanos));
            s.send(token, ipPacket, ms);
        } catch (TransportException e) {
            failureReported = true;
            throw e;
        } finally {
            io.unlock();
        }
    }

    @Override
    public List<TransportEvent> poll(long deadlineNanos) throws TransportException, InterruptedException {
        io.lock();
        try {
            HelperSession s = current();
            List<TransportEvent> out = new ArrayList<>();
            while (true) {
                resendDue(s, out);
                for (Object o; (o = s.inbox().poll()) != null; ) {
                    absorb(s, o, out);
                }
                if (!answeredNow.isEmpty()) {
                    try {
                        if (!s.ended()) {
                            s.cancel(answeredNow); // later duplicates would only be unmatched replies
                        }
                    } catch (TransportException dead) {
                        // the helper just died: the next poll says so, after the events in hand
                    }
                    answeredNow.clear();
                }
                if (!out.isEmpty()) {
                    return out;
                }
                if (closed) {
                    throw closedException();
                }
                if (s.ended()) {
                    failureReported = true;
                    throw new TransportException(TransportError.TRANSPORT_FAILED, s.endedWhy());
                }
                long now = nanoTime();
                if (now >= deadlineNanos) {
                    return out;
                }
                long wake = retries.isEmpty() ? deadlineNanos : Math.min(deadlineNanos, retries.peek().dueNanos);
                Object o = s.inbox().poll(Math.max(0, wake - now), TimeUnit.NANOSECONDS);
                if (o != null) {
                    absorb(s, o, out);
                }
            }
        } finally {
            io.unlock();
        }
    }

    /** Turns one inbox item into engine events, handling what the engine need not see. */
    private void absorb(HelperSession s, Object o, List<TransportEvent> out) throws TransportException {
        if (o instanceof TransportEvent.Sent e) {
            unsent.remove(e.token());
            unanswered.add(e.token());
            out.add(e);
        } else if (o instanceof TransportEvent.Received e) {
            out.add(e);
            if (unanswered.remove(e.tokenHint())) {
                answeredNow.add(e.tokenHint()); // cancelled in the helper by poll, in one write
            }
        } else if (o instanceof TransportEvent.SendFailed e) {
            unsent.remove(e.token());
            out.add(e);
        } else if (o instanceof HelperSession.Expired e) {
            unanswered.remove(e.token());
        } else if (o instanceof HelperSession.Busy b) {
            Pending p = unsent.get(b.token());
            if (p == null) {
                return;
            }
            long now = nanoTime();
            if (now - p.firstTryNanos >= p.timeoutNanos) {
                unsent.remove(b.token());
                out.add(new TransportEvent.SendFailed(b.token(), b.error(),
                        b.detail() + " (retried for " + (now - p.firstTryNanos) / 1_000_000 + " ms)"));
            } else {
                long pause = b.error() == TransportError.RATE_LIMITED ? Math.max(500_000, 1_000_000_000L / Math.max(1, rate))
                        : BUSY_RETRY_NANOS;
                retries.add(new Retry(b.token(), now + pause));
            }
        }
        // Ended and WAKE are acted upon by the poll loop through s.ended() and closed.
    }

    private void resendDue(HelperSession s, List<TransportEvent> out) throws TransportException {
        long now = nanoTime();
        while (!retries.isEmpty() && retries.peek().dueNanos <= now) {
            Retry r = retries.poll();
            Pending p = unsent.get(r.token);
            if (p != null && !s.ended()) {
                s.send(r.token, p.packet, p.timeoutMs);
            }
        }
    }

    /** The session to poll: the current one, unless the transport is closed or its failure was told. */
    private HelperSession current() throws TransportException {
        if (closed) {
            throw closedException();
        }
        HelperSession s = session;
        if (s.ended() && failureReported) {
            throw new TransportException(TransportError.TRANSPORT_FAILED, s.endedWhy());
        }
        return s;
    }

    /** The session to send on: a dead helper is reported once, then replaced by a new one. */
    private HelperSession running() throws TransportException {
        if (closed) {
            throw closedException();
        }
        HelperSession s = session;
        if (!s.ended()) {
            return s;
        }
        if (!failureReported) {
            failureReported = true;
            throw new TransportException(TransportError.TRANSPORT_FAILED, s.endedWhy());
        }
        HelperSession fresh = spawn(launch);
        unsent.clear();
        retries.clear();
        unanswered.clear();
        session = fresh;
        failureReported = false;
        restarts++;
        if (rate != fresh.hello().rateLimit()) {
            fresh.request("set-rate " + rate, CONTROL_TIMEOUT);
        }
        return fresh;
    }

    private static TransportException closedException() {
        return new TransportException(TransportError.TRANSPORT_FAILED, "the transport was closed");
    }

    /**
     * Asks the helper for {@code perSecond} probes per second (at most its ceiling, see {@link
     * #rateCeiling()}); kept across helper restarts. Any thread.
     */
    public int setRate(int perSecond) throws TransportException {
        HelperLine line = session.request("set-rate " + perSecond, CONTROL_TIMEOUT);
        try {
            rate = (int) Long.parseLong(line.args().get(0));
        } catch (RuntimeException e) {
            throw new TransportException(TransportError.TRANSPORT_FAILED, "unreadable set-rate answer: " + line);
        }
        return rate;
    }

    public int rateCeiling() {
        return session.hello().rateCeiling();
    }

    /** The helper's counters (stats request). Any thread. */
    public HelperStats stats() throws TransportException {
        return HelperStats.parse(session.request("stats", CONTROL_TIMEOUT));
    }

    /** The process id of the running helper (of its launcher when one execs it, e.g. ip netns exec). */
    public long helperPid() {
        return session.pid();
    }

    /** How many times a dead helper was replaced. */
    public int restarts() {
        return restarts;
    }

    /** The helper binary in use. */
    public Path helperPath() {
        return launch.helper();
    }

    /** Ends the helper session; wakes a {@link #poll} blocked in another thread, which then throws. */
    @Override
    public void close() {
        closed = true;
        HelperSession s = session;
        if (s != null) {
            s.inbox().add(HelperSession.WAKE);
            s.close();
        }
    }
}
