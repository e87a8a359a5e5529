package org.hopscope.engine.check;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.RttStats;

/**
 * The verdicts on one target's segments, from name resolution, the TCP connect and the path's per-hop
 * loss and latency. Self-contained on purpose (plain statistics of the aggregate trace), so it can be
 * re-pointed at the engine's analysis package later by replacing {@link #lossOrigin}/{@link
 * #latencyOrigin}.
 *
 * <p>The rule that matters: a router that drops probes addressed to <em>it</em> (ICMP rate limiting,
 * control-plane policing) while the hops behind it answer everything is not losing traffic, so <b>loss
 * counts against a segment only when it persists to every later hop</b> (as mtr's documentation and
 * RFC 4656's one-way loss reasoning put it: forwarding loss shows at all later hops). The segment where
 * persistent loss starts gets it; segments downstream only inherit it and stay good.
 */
final class SegmentJudge {
    private final CheckSettings.Thresholds th;

    SegmentJudge(CheckSettings.Thresholds th) {
        this.th = th;
    }

    List<SegmentVerdict> judge(NameResolution dns, TcpConnect connect, PathMeasurement path, InetAddress target,
            Optional<InetAddress> gateway, Function<InetAddress, OptionalLong> asn) {
        List<SegmentVerdict> out = new ArrayList<>();
        if (dns.outcome() == NameResolution.Outcome.NOT_FOUND || dns.outcome() == NameResolution.Outcome.FAILED) {
            for (SegmentKind k : networkKinds()) {
                out.add(notMeasured(k, "Not tested: the name did not resolve."));
            }
            boolean nx = dns.outcome() == NameResolution.Outcome.NOT_FOUND;
            out.add(new SegmentVerdict(SegmentKind.SERVICE, Status.BROKEN, nx ? Reason.NAME_NOT_FOUND : Reason.DNS_FAILED,
                    nx ? "The name " + dns.name() + " does not exist in DNS (" + dns.detail() + ")."
                            : "No DNS server answered for " + dns.name() + " (" + dns.detail() + ").",
                    List.of(), Double.NaN, Double.NaN));
            return out;
        }
        if (path == null) {
            for (SegmentKind k : networkKinds()) {
                out.add(notMeasured(k, "Not tested: no probe protocol could be used."));
            }
            out.add(service(dns, connect, null, Map.of(), List.of(), -1));
            return out;
        }
        Map<SegmentKind, List<Integer>> seg = PathSegments.of(path.trace().hops(), target, asn);
        TreeMap<Integer, HopSnapshot> hops = new TreeMap<>();
        for (List<Integer> ttls : seg.values()) {
            for (int ttl : ttls) {
                path.trace().hops().stream().filter(h -> h.ttl().value() == ttl).findFirst().ifPresent(h -> hops.put(ttl, h));
            }
        }
        List<HopSnapshot> answering = hops.values().stream().filter(h -> h.stats().received() > 0).toList();
        int lossOrigin = lossOrigin(answering);
        int latencyOrigin = lossOrigin >= 0 ? -1 : latencyOrigin(answering);
        boolean reached = path.reached();
        boolean serviceAnswers = connect.outcome() == TcpConnect.Outcome.OPEN
                || connect.outcome() == TcpConnect.Outcome.REFUSED;
        int lastAnswering = answering.isEmpty() ? 0 : answering.get(answering.size() - 1).ttl().value();
        boolean blamed = false;
        for (SegmentKind k : networkKinds()) {
            List<Integer> ttls = seg.get(k);
            if (ttls.isEmpty()) {
                boolean beyond = !reached && networkKinds().indexOf(k) > lastSegmentIndex(seg, lastAnswering);
                if (beyond && serviceAnswers) {
                    out.add(new SegmentVerdict(k, Status.UNKNOWN, Reason.PROBES_FILTERED, String.format(Locale.ROOT,
                            "Trace probes are filtered beyond hop %d, but the service answers, so traffic gets through.",
                            lastAnswering), List.of(), Double.NaN, Double.NaN));
                } else if (beyond && !blamed) {
                    blamed = true;
                    out.add(new SegmentVerdict(k, Status.BROKEN, Reason.NO_REPLY, String.format(Locale.ROOT,
                            "Nothing answers beyond hop %d%s and the service cannot be reached.", lastAnswering,
                            addressAt(hops, lastAnswering)), List.of(), Double.NaN, Double.NaN));
                } else {
                    out.add(notMeasured(k, "No hop of the path belongs to this segment."));
                }
                continue;
            }
            out.add(network(k, ttls, hops, lossOrigin, latencyOrigin, gateway));
        }
        out.add(service(dns, connect, path, hops, seg.get(SegmentKind.SERVICE), lossOrigin));
        if (!reached && !serviceAnswers && !blamed && !answering.isEmpty()) {
            // Every segment has hops, yet the path stops: the last answering segment is where it breaks.
            int idx = lastSegmentIndex(seg, lastAnswering);
            SegmentVerdict v = out.get(idx);
            out.set(idx, new SegmentVerdict(v.segment(), Status.BROKEN, Reason.NO_REPLY, String.format(Locale.ROOT,
                    "Nothing answers beyond hop %d%s and the service cannot be reached.", lastAnswering,
                    addressAt(hops, lastAnswering)), v.ttls(), v.lossPercent(), v.rttMs()));
        }
        return out;
    }

    static List<SegmentKind> networkKinds() {
        return List.of(SegmentKind.LOCAL_NETWORK, SegmentKind.ISP_EDGE, SegmentKind.TRANSIT,
                SegmentKind.DESTINATION_NETWORK);
    }

    private static int lastSegmentIndex(Map<SegmentKind, List<Integer>> seg, int ttl) {
        for (int i = 0; i < networkKinds().size(); i++) {
            if (seg.get(networkKinds().get(i)).contains(ttl)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first answering hop whose loss reaches the degraded threshold and persists: every later
     * answering hop loses at least half as much (and at least the threshold). -1 if none.
     */
    int lossOrigin(List<HopSnapshot> answering) {
        for (int i = 0; i < answering.size(); i++) {
            RttStats s = answering.get(i).stats();
            double loss = s.lossPercent();
            if (loss < th.degradedLossPercent() || s.sent() - s.received() < th.minLostProbes()) {
                continue;
            }
            boolean persists = true;
            for (int j = i + 1; j < answering.size(); j++) {
                if (answering.get(j).stats().lossPercent() < Math.max(th.degradedLossPercent(), loss / 2)) {
                    persists = false;
                    break;
                }
            }
            if (persists) {
                return answering.get(i).ttl().value();
            }
        }
        return -1;
    }

    /** The first answering hop after which the average RTT is at least {@code latencyRiseMs} higher everywhere. */
    int latencyOrigin(List<HopSnapshot> answering) {
        double before = 0;
        for (int i = 0; i < answering.size(); i++) {
            double minAfter = Double.POSITIVE_INFINITY;
            for (int j = i; j < answering.size(); j++) {
                double a = answering.get(j).stats().avgMs();
                if (Double.isFinite(a)) {
                    minAfter = Math.min(minAfter, a);
                }
            }
            if (Double.isFinite(minAfter) && minAfter - before >= th.latencyRiseMs()) {
                return answering.get(i).ttl().value();
            }
            double avg = answering.get(i).stats().avgMs();
            if (Double.isFinite(avg)) {
                before = Math.max(before, avg);
            }
        }
        return -1;
    }

    private SegmentVerdict network(SegmentKind k, List<Integer> ttls, Map<Integer, HopSnapshot> hops, int lossOrigin,
            int latencyOrigin, Optional<InetAddress> gateway) {
        HopSnapshot last = hops.get(ttls.get(ttls.size() - 1));
        double rtt = last == null ? Double.NaN : last.stats().avgMs();
        String where = name(k) + (k == SegmentKind.LOCAL_NETWORK && gateway.isPresent()
                ? " (gateway " + gateway.get().getHostAddress() + ")" : "");
        if (ttls.contains(lossOrigin)) {
            double loss = hops.get(lossOrigin).stats().lossPercent();
            Status st = loss >= th.brokenLossPercent() ? Status.BROKEN : Status.DEGRADED;
            return new SegmentVerdict(k, st, Reason.PACKET_LOSS, String.format(Locale.ROOT,
                    "%s loses %.0f%% of packets from hop %d%s on, and the loss persists to the destination.",
                    capital(where), loss, lossOrigin, addressAt(hops, lossOrigin)), ttls, loss, rtt);
        }
        if (ttls.contains(latencyOrigin)) {
            return new SegmentVerdict(k, Status.DEGRADED, Reason.HIGH_LATENCY, String.format(Locale.ROOT,
                    "%s adds latency: %.0f ms at hop %d%s, and it persists to the destination.", capital(where),
                    hops.get(latencyOrigin).stats().avgMs(), latencyOrigin, addressAt(hops, latencyOrigin)), ttls, 0, rtt);
        }
        // Behind a loss origin every hop shows the inherited loss; only what a hop loses on top of it
        // (clearly more than sampling noise: half the inherited loss) is its own.
        double inherited = lossOrigin >= 0 ? hops.get(lossOrigin).stats().lossPercent() : 0;
        for (int ttl : ttls) {
            HopSnapshot h = hops.get(ttl);
            boolean downstream = lossOrigin >= 0 && ttl > lossOrigin;
            double own = h == null ? 0 : h.stats().lossPercent() - (downstream ? inherited : 0);
            double needed = downstream ? Math.max(th.degradedLossPercent(), inherited / 2) : th.degradedLossPercent();
            if (h != null && h.stats().received() > 0 && own >= needed
                    && h.stats().sent() - h.stats().received() >= th.minLostProbes()) {
                return new SegmentVerdict(k, Status.GOOD, Reason.LOSS_NOT_PERSISTENT, String.format(Locale.ROOT,
                        "%s is fine: hop %d%s drops %.0f%% of the probes addressed to it (ICMP rate limiting), "
                                + "but the hops behind it do not, so traffic passes.", capital(where), ttl,
                        addressAt(hops, ttl), h.stats().lossPercent()), ttls, 0, rtt);
            }
        }
        if (lossOrigin >= 0 && ttls.get(0) > lossOrigin) {
            return new SegmentVerdict(k, Status.GOOD, Reason.OK, String.format(Locale.ROOT,
                    "%s is fine: the loss it shows comes from hop %d, before it.", capital(where), lossOrigin), ttls, 0, rtt);
        }
        return new SegmentVerdict(k, Status.GOOD, Reason.OK, String.format(Locale.ROOT, "%s is fine%s.", capital(where),
                Double.isFinite(rtt) ? String.format(Locale.ROOT, " (%.1f ms, no loss)", rtt) : ""), ttls, 0, rtt);
    }

    private SegmentVerdict service(NameResolution dns, TcpConnect c, PathMeasurement path,
            Map<Integer, HopSnapshot> hops, List<Integer> ttls, int lossOrigin) {
        String what = c.address() == null ? dns.name()
                : dns.name() + " port " + c.address().getPort();
        switch (c.outcome()) {
            case REFUSED:
                return new SegmentVerdict(SegmentKind.SERVICE, Status.BROKEN, Reason.PORT_CLOSED, "The host of " + what
                        + " answers, but refuses the connection: the port is closed.", ttls, Double.NaN, c.millis());
            case TIMED_OUT:
                return new SegmentVerdict(SegmentKind.SERVICE, Status.BROKEN, Reason.CONNECT_TIMEOUT,
                        "A connection to " + what + " gets no answer" + (path != null && path.reached()
                                ? " although the host answers probes: the port is filtered." : "."),
                        ttls, Double.NaN, c.millis());
            case FAILED:
                return new SegmentVerdict(SegmentKind.SERVICE, Status.BROKEN, Reason.CONNECT_FAILED,
                        "A connection to " + what + " fails: " + c.detail() + ".", ttls, Double.NaN, c.millis());
            default:
                break;
        }
        if (ttls.contains(lossOrigin)) {
            double loss = hops.get(lossOrigin).stats().lossPercent();
            return new SegmentVerdict(SegmentKind.SERVICE, loss >= th.brokenLossPercent() ? Status.BROKEN : Status.DEGRADED,
                    Reason.PACKET_LOSS, String.format(Locale.ROOT, "The host of %s loses %.0f%% of the probes, "
                            + "the network before it none.", what, loss), ttls, loss, c.millis());
        }
        if (dns.millis() > th.slowDnsMs()) {
            return new SegmentVerdict(SegmentKind.SERVICE, Status.DEGRADED, Reason.DNS_SLOW, String.format(Locale.ROOT,
                    "The service at %s works, but resolving its name took %.0f ms.", what, dns.millis()), ttls, 0, c.millis());
        }
        if (c.outcome() == TcpConnect.Outcome.NOT_RUN) {
            return notMeasured(SegmentKind.SERVICE, "The service was not tested: " + c.detail() + ".");
        }
        return new SegmentVerdict(SegmentKind.SERVICE, Status.GOOD, Reason.OK, String.format(Locale.ROOT,
                "The service at %s answers (connection in %.1f ms%s).", what, c.millis(),
                dns.outcome() == NameResolution.Outcome.FOUND
                        ? String.format(Locale.ROOT, ", name resolved in %.1f ms", dns.millis()) : ""),
                ttls, 0, c.millis());
    }

    private static SegmentVerdict notMeasured(SegmentKind k, String sentence) {
        return new SegmentVerdict(k, Status.UNKNOWN, Reason.NOT_MEASURED, sentence, List.of(), Double.NaN, Double.NaN);
    }

    private static String addressAt(Map<Integer, HopSnapshot> hops, int ttl) {
        HopSnapshot h = hops.get(ttl);
        if (h == null || h.interfaces().isEmpty()) {
            return "";
        }
        return " (" + h.interfaces().get(0).address().getHostAddress() + ")";
    }

    static String name(SegmentKind k) {
        return switch (k) {
            case LOCAL_NETWORK -> "your local network";
            case ISP_EDGE -> "the provider's edge";
            case TRANSIT -> "transit";
            case DESTINATION_NETWORK -> "the destination's network";
            case SERVICE -> "the service";
        };
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
