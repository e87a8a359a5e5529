package org.hopscope.engine.pmtu;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.hopscope.engine.probe.CraftedProbe;
import org.hopscope.engine.probe.DecodedReply;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.ProbeId;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.probe.ProbeSpec;
import org.hopscope.engine.probe.ProbeStrategies;
import org.hopscope.engine.probe.ProbeStrategy;
import org.hopscope.engine.probe.ReplyMatcher;
import org.hopscope.engine.probe.Ttl;
import org.hopscope.engine.trace.InterfaceInfo;
import org.hopscope.engine.trace.ReplyKind;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;

/**
 * Path MTU discovery along the path to a target, one probe at a time on the caller's thread.
 *
 * <p>For each TTL from the first: send a Paris probe of the current size with DF set (one flow, so
 * every probe takes the same path through per-flow balancers).
 * <ul>
 *   <li>Time exceeded, or the target's answer: the size crosses every link up to this hop; next TTL.</li>
 *   <li>Fragmentation needed / packet too big with a smaller MTU: the link after the hop that sent it
 *       is that narrow; probe again at that size.</li>
 *   <li>"Too big" without a usable MTU (0, or not smaller), or no answer while a minimum-size probe at
 *       the same TTL is answered (a black hole): binary search between the two sizes.</li>
 *   <li>The local stack refuses to send (the source's link is narrower): binary search on that.</li>
 *   <li>No answer at either size: a silent hop; after the trace's missing-hop limit, stop.</li>
 * </ul>
 * Bounded: at most (max TTL × (2 + log2(start size))) × attempts probes.
 */
public final class PathMtuDiscovery {
    private final TraceSettings settings;
    private final PmtuOptions options;
    private final ProbeTransport transport;
    private final InetAddress target;
    private final boolean v6;
    private final long waitNanos;
    private volatile boolean stopped;
    private Consumer<HopMtu> listener = h -> { };

    private InetAddress source;
    private ProbeId nextId;
    private long nextToken;
    private int probesSent;
    private final TreeMap<Integer, HopMtu> hops = new TreeMap<>();

    /** What one probe came to. */
    private sealed interface Outcome {
        record Answered(DecodedReply reply) implements Outcome {
        }

        record NoAnswer() implements Outcome {
        }

        record LocalFailure(String detail) implements Outcome {
        }
    }

    public PathMtuDiscovery(TraceSettings settings, PmtuOptions options, ProbeTransport transport, InetAddress target) {
        this.settings = settings;
        this.options = options;
        this.transport = transport;
        this.target = target;
        this.v6 = target instanceof Inet6Address;
        this.waitNanos = (options.waitTime() != null ? options.waitTime() : settings.waitTime()).toNanos();
        this.nextId = new ProbeId(settings.initialProbeId());
    }

    /** Told each time a hop's MTU is learned or revised, on the discovery's thread. */
    public PathMtuDiscovery listener(Consumer<HopMtu> l) {
        this.listener = l;
        return this;
    }

    /** Asks a running discovery to stop soon; the hops so far are kept. Any thread. */
    public void stop() {
        stopped = true;
    }

    private ProbeStrategy strategy(int size) {
        TraceSettings s = settings.toBuilder().method(ProbeMethod.PARIS).packetLength(size).build();
        return new DontFragmentStrategy(ProbeStrategies.forSettings(s));
    }

    private int minimumSize() {
        int proto = strategy(0).minimumLength(v6);
        return Math.max(proto, v6 ? 1280 : 68);
    }

    public PathMtuResult run() throws TransportException, InterruptedException {
        source = transport.sourceAddressFor(target);
        int min = minimumSize();
        int size = Math.max(options.startSize(), min);
        int firstLinkMtu = -1;
        boolean reached = false;
        int missing = 0;
        String detail = "";
        for (int ttl = settings.firstTtl(); ttl <= settings.maxTtl() && !stopped; ttl++) {
            boolean hopDone = false;
            int guard = 0;
            while (!hopDone && !stopped && guard++ < 64) {
                Outcome o = probe(ttl, size);
                if (o instanceof Outcome.LocalFailure lf) {
                    if (size <= min) {
                        detail = "the source cannot send even " + min + "-byte probes: " + lf.detail();
                        return result(size, firstLinkMtu, reached, detail);
                    }
                    size = search(ttl, min, size, true);
                    firstLinkMtu = size;
                    continue;
                }
                if (o instanceof Outcome.Answered a && isTooBig(a.reply())) {
                    DecodedReply r = a.reply();
                    int at = hopOf(r.from(), ttl - 1);
                    int mtu = r.mtu();
                    MtuEvidence how = r.kind() == ReplyKind.PACKET_TOO_BIG ? MtuEvidence.PACKET_TOO_BIG
                            : MtuEvidence.FRAGMENTATION_NEEDED;
                    if (mtu < min || mtu >= size) {
                        mtu = search(ttl, min, size, false);
                        how = MtuEvidence.SEARCHED;
                    }
                    size = mtu;
                    reduceAt(at, r.from(), size, how);
                    continue;
                }
                if (o instanceof Outcome.Answered a) {
                    DecodedReply r = a.reply();
                    boolean dest = r.fromDestination() || r.from().equals(target);
                    record(new HopMtu(ttl, Optional.of(r.from()), size, false, MtuEvidence.PASSED,
                            reportedMtu(r), dest));
                    missing = 0;
                    hopDone = true;
                    if (dest || r.kind() == ReplyKind.DEST_UNREACHABLE) {
                        reached = dest;
                        return result(size, firstLinkMtu, reached, detail);
                    }
                    continue;
                }
                // No answer at this size: is the hop silent, or are big probes dropped before it?
                if (size > min) {
                    Outcome small = probe(ttl, min);
                    if (small instanceof Outcome.Answered sa && !isTooBig(sa.reply())) {
                        size = search(ttl, min, size, false);
                        reduceAt(ttl - 1, null, size, MtuEvidence.SEARCHED);
                        continue;
                    }
                }
                record(new HopMtu(ttl, Optional.empty(), size, false, MtuEvidence.SILENT, OptionalInt.empty(), false));
                hopDone = true;
                if (++missing >= settings.maxMissingHops()) {
                    return result(size, firstLinkMtu, reached, detail);
                }
            }
        }
        if (stopped) {
            detail = "stopped";
        }
        return result(size, firstLinkMtu, reached, detail);
    }

    private PathMtuResult result(int size, int firstLinkMtu, boolean reached, String detail) {
        return new PathMtuResult(target, source, options.startSize(), firstLinkMtu, size, new ArrayList<>(hops.values()),
                reached, probesSent, detail);
    }

    private static boolean isTooBig(DecodedReply r) {
        return r.kind() == ReplyKind.PACKET_TOO_BIG
                || (r.kind() == ReplyKind.DEST_UNREACHABLE && r.icmpType() == 3 && r.icmpCode() == 4
                        && !(r.from() instanceof Inet6Address));
    }

    private static OptionalInt reportedMtu(DecodedReply r) {
        for (InterfaceInfo i : r.interfaces()) {
            if (i.mtu() > 0 && i.role() == 0) {
                return OptionalInt.of(i.mtu());
            }
        }
        for (InterfaceInfo i : r.interfaces()) {
            if (i.mtu() > 0) {
                return OptionalInt.of(i.mtu());
            }
        }
        return OptionalInt.empty();
    }

    /** The TTL at which {@code from} answered before, else {@code fallback}. */
    private int hopOf(InetAddress from, int fallback) {
        for (HopMtu h : hops.values()) {
            if (h.address().isPresent() && h.address().get().equals(from)) {
                return h.ttl();
            }
        }
        return fallback;
    }

    /** The link after hop {@code ttl} carries at most {@code mtu}; later hops inherit it. */
    private void reduceAt(int ttl, InetAddress from, int mtu, MtuEvidence how) {
        if (ttl < settings.firstTtl()) {
            return; // the source's own link: reported as firstLinkMtu
        }
        HopMtu h = hops.get(ttl);
        if (h == null) {
            h = new HopMtu(ttl, Optional.ofNullable(from), mtu, true, how, OptionalInt.empty(), false);
        }
        record(h.withMtu(mtu, how));
        for (HopMtu later : new ArrayList<>(hops.tailMap(ttl, false).values())) {
            if (later.mtu() > mtu) {
                record(new HopMtu(later.ttl(), later.address(), mtu, false, later.evidence(), later.reportedMtu(),
                        later.destination()));
            }
        }
    }

    private void record(HopMtu h) {
        hops.put(h.ttl(), h);
        listener.accept(h);
    }

    /**
     * The largest size in [lo, hi) that passes at {@code ttl}, where {@code hi} failed. Local: only the
     * source's refusal fails. Otherwise a pass is any answer but "too big" (a small enough probe reaches
     * the hop), a failure is "too big" or silence.
     */
    private int search(int ttl, int lo, int hi, boolean local) throws TransportException, InterruptedException {
        while (hi - lo > 1 && !stopped) {
            int mid = (lo + hi) >>> 1;
            Outcome o = probe(ttl, mid);
            boolean pass = local ? !(o instanceof Outcome.LocalFailure)
                    : o instanceof Outcome.Answered a && !isTooBig(a.reply());
            if (!local && o instanceof Outcome.Answered a && isTooBig(a.reply())) {
                int m = a.reply().mtu();
                if (m > lo && m < mid) {
                    hi = Math.min(hi, m + 1); // a hint: no bigger than the MTU it named
                }
            }
            if (pass) {
                lo = mid;
            } else {
                hi = Math.min(hi, mid);
            }
        }
        return lo;
    }

    /** Sends a probe of {@code size} at {@code ttl} up to {@code attempts} times. */
    private Outcome probe(int ttl, int size) throws TransportException, InterruptedException {
        Outcome last = new Outcome.NoAnswer();
        for (int i = 0; i < options.attempts() && !stopped; i++) {
            last = probeOnce(ttl, size);
            if (!(last instanceof Outcome.NoAnswer)) {
                return last;
            }
        }
        return last;
    }

    private Outcome probeOnce(int ttl, int size) throws TransportException, InterruptedException {
        ProbeStrategy strategy = strategy(size);
        ProbeId id = nextId;
        nextId = nextId.next();
        long token = nextToken++;
        CraftedProbe c = strategy.craft(new ProbeSpec(source, target, Ttl.of(ttl), FlowId.of(0), id, token));
        ReplyMatcher matcher = new ReplyMatcher(strategy, target);
        long sentAt = transport.nanoTime();
        long deadline = sentAt + waitNanos;
        transport.send(token, c.packet(), waitNanos);
        probesSent++;
        while (!stopped) {
            long now = transport.nanoTime();
            if (now - deadline >= 0) {
                return new Outcome.NoAnswer();
            }
            for (TransportEvent e : transport.poll(deadline)) {
                if (e instanceof TransportEvent.SendFailed f && f.token() == token) {
                    return new Outcome.LocalFailure(f.error().sentence()
                            + (f.detail().isEmpty() ? "" : ": " + f.detail()));
                }
                if (e instanceof TransportEvent.Received r) {
                    Optional<DecodedReply> d = matcher.decode(r.ipPacket());
                    if (d.isPresent() && d.get().keys().contains(c.key()) && d.get().consistentWith(c.fields())) {
                        return new Outcome.Answered(d.get());
                    }
                }
            }
        }
        return new Outcome.NoAnswer();
    }
}
