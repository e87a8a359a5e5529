package org.hopscope.app.gui.model;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;

/**
 * Plain-language verdicts from one snapshot, written for helpdesk staff. The rule users most often
 * get wrong (mtr #239, #145): loss or slowness at an intermediate hop that does not persist to the
 * destination is the router rate-limiting its own ICMP replies, not a problem; only loss that
 * continues to the destination is.
 */
public final class BasicDiagnostician implements Diagnostician {

    @Override
    public List<Verdict> diagnose(TraceSnapshot s, HopAnomalies anomalies, LatencyThresholds t) {
        List<Verdict> out = new ArrayList<>();
        List<HopSnapshot> hops = s.hops();
        if (s.status() == TraceStatus.FAILED) {
            out.add(new Verdict(Verdict.Severity.PROBLEM, "Probing failed",
                    "The trace stopped because probes could not be sent: " + s.statusDetail()
                            + ". The results so far are kept.", List.of()));
        }
        if (hops.isEmpty()) {
            return out;
        }
        HopSnapshot last = hops.get(hops.size() - 1);
        boolean reached = hops.stream().anyMatch(HopSnapshot::reachedDestination);
        HopSnapshot dest = reached ? hops.stream().filter(HopSnapshot::reachedDestination).findFirst().get() : null;

        if (s.finished() && !reached && s.status() != TraceStatus.STOPPED) {
            HopSnapshot lastAnswer = null;
            for (HopSnapshot h : hops) {
                if (!h.interfaces().isEmpty()) {
                    lastAnswer = h;
                }
            }
            String marks = lastAnswer == null ? "" : String.join(" ", lastAnswer.interfaces().get(0).marks());
            if (lastAnswer == null) {
                out.add(new Verdict(Verdict.Severity.PROBLEM, "Nothing answered",
                        "No router and not the destination answered any probe. A firewall may block the probes or"
                                + " their replies; try another protocol (ICMP or TCP port 443).", List.of()));
            } else if (!marks.isEmpty()) {
                out.add(new Verdict(Verdict.Severity.PROBLEM, "Destination unreachable at hop " + lastAnswer.ttl(),
                        "Hop " + lastAnswer.ttl() + " (" + addr(lastAnswer) + ") answered that the destination cannot"
                                + " be reached (" + marks + "): the path ends there.",
                        List.of(lastAnswer.ttl().value())));
            } else {
                out.add(new Verdict(Verdict.Severity.PROBLEM, "The destination did not answer",
                        "The last hop that answered is hop " + lastAnswer.ttl() + " (" + addr(lastAnswer)
                                + "). Beyond it nothing replied: the destination or a firewall in front of it drops"
                                + " these probes, or the path breaks after that hop.",
                        List.of(lastAnswer.ttl().value())));
            }
        }

        // loss that persists to the destination vs. rate-limited intermediate routers
        int[] dc = anomalies.paths().destinationCounts(s);
        double destLoss = dc[0] > 0 ? 100.0 * (dc[0] - dc[1]) / dc[0] : dest == null ? 0 : dest.stats().lossPercent();
        if (dest != null && dest.stats().sent() > 0 && destLoss > 0) {
            int destIdx = hops.indexOf(dest);
            int start = destIdx;
            for (int i = destIdx - 1; i >= 0; i--) {
                HopSnapshot h = hops.get(i);
                if (h.interfaces().isEmpty() || h.stats().lossPercent() <= 0
                        || !anomalies.paths().silentKeys(h.ttl().value()).isEmpty()) {
                    break;
                }
                start = i;
            }
            double lp = destLoss;
            boolean onlyDest = start == destIdx;
            out.add(new Verdict(lp >= 5 && !onlyDest ? Verdict.Severity.PROBLEM : Verdict.Severity.WARNING,
                    String.format(Locale.ROOT, "%.0f%% packet loss to the destination", lp),
                    start < destIdx
                            ? "Loss starts at hop " + hops.get(start).ttl() + " (" + addr(hops.get(start))
                                    + ") and continues to the destination: the problem is at or just before that hop."
                            : "Only the destination itself misses replies, the hops before it answer every probe: many hosts"
                                    + " rate-limit the replies probes ask for. Try ICMP or TCP probes; if they show no loss,"
                                    + " your traffic is fine.",
                    List.of(hops.get(start).ttl().value())));
        }
        List<Integer> rateLimited = new ArrayList<>();
        for (int i = 0; i < hops.size(); i++) {
            HopSnapshot h = hops.get(i);
            if (h == dest || h.interfaces().isEmpty() || h.stats().lossPercent() <= 0 || h.pending() > 0
                    || !anomalies.paths().silentKeys(h.ttl().value()).isEmpty()) {
                continue;
            }
            double loss = h.stats().lossPercent();
            boolean laterBetter = hops.subList(i + 1, hops.size()).stream()
                    .anyMatch(x -> !x.interfaces().isEmpty() && x.stats().lossPercent() < loss);
            if (laterBetter) {
                rateLimited.add(h.ttl().value());
            }
        }
        if (!rateLimited.isEmpty()) {
            out.add(new Verdict(Verdict.Severity.INFO, "Loss at " + hopsText(rateLimited) + " is not a problem",
                    "These routers skip some replies, but hops after them answer fine: routers give low priority to"
                            + " (or rate-limit) replies addressed to themselves. Traffic passing through is not lost.",
                    rateLimited));
        }

        // latency
        if (dest != null && !Double.isNaN(dest.stats().avgMs())) {
            double avg = dest.stats().avgMs();
            LatencyThresholds.Level lvl = t.level(avg);
            if (lvl == LatencyThresholds.Level.WARNING || lvl == LatencyThresholds.Level.CRITICAL) {
                int destIdx = hops.indexOf(dest);
                int rise = destIdx;
                for (int i = destIdx - 1; i >= 0; i--) {
                    HopSnapshot h = hops.get(i);
                    if (h.interfaces().isEmpty()) {
                        continue;
                    }
                    if (Double.isNaN(h.stats().avgMs()) || h.stats().avgMs() < t.warningMs()) {
                        break;
                    }
                    rise = i;
                }
                HopSnapshot r = hops.get(rise);
                out.add(new Verdict(lvl == LatencyThresholds.Level.CRITICAL ? Verdict.Severity.PROBLEM
                        : Verdict.Severity.WARNING,
                        String.format(Locale.ROOT, "High latency to the destination: %.0f ms", avg),
                        "Round trips exceed the " + (lvl == LatencyThresholds.Level.CRITICAL ? "critical" : "warning")
                                + " threshold from hop " + r.ttl() + " (" + addr(r) + ") onward"
                                + " and stay high to the destination.",
                        List.of(r.ttl().value())));
            }
            List<Integer> slowSelf = new ArrayList<>();
            for (int i = 0; i < hops.indexOf(dest); i++) {
                HopSnapshot h = hops.get(i);
                if (t.level(h.stats().avgMs()).compareTo(LatencyThresholds.Level.WARNING) >= 0
                        && t.level(avg) == LatencyThresholds.Level.GOOD) {
                    slowSelf.add(h.ttl().value());
                }
            }
            if (!slowSelf.isEmpty()) {
                out.add(new Verdict(Verdict.Severity.INFO, "Slow replies at " + hopsText(slowSelf) + " are harmless",
                        "These routers take long to answer probes themselves, but the destination is fast: the delay is"
                                + " in how the router treats replies to itself, not in forwarding your traffic.",
                        slowSelf));
            }
        }

        // multipath
        List<Integer> multi = new ArrayList<>();
        int widest = 0;
        for (HopSnapshot h : hops) {
            if (h.interfaces().size() > 1) {
                multi.add(h.ttl().value());
                widest = Math.max(widest, h.interfaces().size());
            }
        }
        if (!multi.isEmpty()) {
            out.add(new Verdict(Verdict.Severity.INFO, "Load balancing over up to " + widest + " parallel paths",
                    "At " + hopsText(multi) + " different flows take different routers. This is normal (ECMP): one"
                            + " connection stays on one path, so a problem may affect only some connections."
                            + " A classic traceroute would draw false links here.",
                    multi));
        }
        List<Integer> silent = new ArrayList<>();
        for (int i = 0; i < hops.size() - 1; i++) {
            if (hops.get(i).silent() || !anomalies.paths().silentKeys(hops.get(i).ttl().value()).isEmpty()) {
                silent.add(hops.get(i).ttl().value());
            }
        }
        if (!silent.isEmpty() && !last.interfaces().isEmpty()) {
            out.add(new Verdict(Verdict.Severity.INFO, "Silent " + hopsText(silent) + ": not a problem",
                    "Nothing answered there, but later hops did, so traffic passes through. These routers are"
                            + " configured not to send replies.", silent));
        }
        if (anomalies.natFirstTtl() > 0) {
            out.add(new Verdict(Verdict.Severity.INFO, "NAT before hop " + anomalies.natFirstTtl(),
                    "Replies show the probes were rewritten on the way (source address or checksum changed): a NAT"
                            + " router, such as a home router or a carrier-grade NAT, sits before hop "
                            + anomalies.natFirstTtl() + ".",
                    List.of(anomalies.natFirstTtl())));
        }
        List<Integer> mpls = new ArrayList<>();
        for (HopSnapshot h : hops) {
            if (h.interfaces().stream().anyMatch(i -> !i.mplsStacks().isEmpty())) {
                mpls.add(h.ttl().value());
            }
        }
        if (!mpls.isEmpty()) {
            out.add(new Verdict(Verdict.Severity.INFO, "MPLS tunnel at " + hopsText(mpls),
                    "These routers report MPLS labels: your traffic crosses a provider's MPLS network. Latency inside"
                            + " a tunnel often shows the tunnel's far end, not the router itself.", mpls));
        }
        Set<String> loops = new TreeSet<>();
        List<Integer> loopHops = new ArrayList<>();
        for (HopSnapshot h : hops) {
            for (InterfaceSnapshot i : h.interfaces()) {
                Set<Integer> at = anomalies.ttlsOf(i.address());
                if (at.size() > 1 && anomalies.loops(h.ttl().value(), i.address())
                        && loops.add(i.address().getHostAddress())) {
                    loopHops.addAll(at);
                    boolean ttl0 = i.quotedTtls().contains(0);
                    out.add(new Verdict(Verdict.Severity.INFO,
                            i.address().getHostAddress() + " appears at hops " + at,
                            "This looks like a routing loop but usually is not: "
                                    + (ttl0 ? "the router before it forwards packets whose TTL is already 0."
                                            : "load balancing, a NAT or a router that forwards TTL-0 packets makes"
                                                    + " one router answer twice.")
                                    + (reached ? " The destination was reached, so there is no real loop." : ""),
                            new ArrayList<>(at)));
                }
            }
        }
        boolean serious = out.stream().anyMatch(v -> v.severity().compareTo(Verdict.Severity.WARNING) >= 0);
        if (dest != null && !serious) {
            out.add(0, new Verdict(Verdict.Severity.OK, "The path looks healthy",
                    String.format(Locale.ROOT, "The destination answered %d of %d probes, average round trip %.1f ms.",
                            dc[0] > 0 ? dc[1] : dest.stats().received(), dc[0] > 0 ? dc[0] : dest.stats().sent(),
                            destAvg(dest)),
                    List.of(dest.ttl().value())));
        }
        out.sort((a, b) -> b.severity().compareTo(a.severity()));
        return out;
    }

    private static double destAvg(HopSnapshot dest) {
        return dest.interfaces().stream().filter(InterfaceSnapshot::isDestination).findFirst()
                .map(i -> i.stats().avgMs()).orElse(dest.stats().avgMs());
    }

    private static String addr(HopSnapshot h) {
        if (h.interfaces().isEmpty()) {
            return "*";
        }
        InetAddress a = h.interfaces().get(0).address();
        return a.getHostAddress() + (h.interfaces().size() > 1 ? " and others" : "");
    }

    static String hopsText(List<Integer> hops) {
        if (hops.size() == 1) {
            return "hop " + hops.get(0);
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < hops.size()) {
            int j = i;
            while (j + 1 < hops.size() && hops.get(j + 1) == hops.get(j) + 1) {
                j++;
            }
            parts.add(i == j ? "" + hops.get(i) : hops.get(i) + "–" + hops.get(j));
            i = j + 1;
        }
        return "hops " + String.join(", ", parts);
    }
}
