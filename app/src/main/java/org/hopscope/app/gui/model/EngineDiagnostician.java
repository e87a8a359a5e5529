package org.hopscope.app.gui.model;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.hopscope.engine.analysis.Finding;
import org.hopscope.engine.analysis.PathAnalysis;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;

/**
 * The diagnosis panel's verdicts: the engine's {@link PathAnalysis} findings (NAT, MPLS, loops,
 * diamonds, rate limiting vs persistent loss, filters, unreachables ...), so the GUI, the CLI and the
 * trace document say the same thing; this class only gives each a short title, a colour and the hops
 * it names. Two verdicts stay the GUI's own because only the GUI knows their input: latency against
 * the user's thresholds, and a probe run that failed. Runs on the dispatcher's worker thread (it is
 * called from {@link PresentationBuilder} inside the view-model's feed), never on the FX thread.
 */
public final class EngineDiagnostician implements Diagnostician {

    @Override
    public List<Verdict> diagnose(TraceSnapshot s, HopAnomalies anomalies, LatencyThresholds t) {
        List<Verdict> out = new ArrayList<>();
        if (s.status() == TraceStatus.FAILED) {
            out.add(new Verdict(Verdict.Severity.PROBLEM, "Probing failed",
                    "The trace stopped because probes could not be sent: " + s.statusDetail()
                            + ". The results so far are kept.", List.of()));
        }
        if (s.hops().isEmpty()) {
            return out;
        }
        for (Finding f : PathAnalysis.analyze(s)) {
            out.add(of(f, anomalies));
        }
        latency(s, t, out);
        // most serious first; the engine's hop order is kept within one severity (the sort is stable)
        out.sort(Comparator.comparing(Verdict::severity).reversed());
        return out;
    }

    /** One finding as a verdict: the hops are the finding's own plus every hop its addresses answer at. */
    static Verdict of(Finding f, HopAnomalies anomalies) {
        TreeSet<Integer> hops = new TreeSet<>();
        if (f.ttl() > 0) {
            hops.add(f.ttl());
        }
        for (InetAddress a : f.addresses()) {
            hops.addAll(anomalies.ttlsOf(a));
        }
        List<Integer> ordered = new ArrayList<>();
        if (f.ttl() > 0) {
            ordered.add(f.ttl()); // the hop the finding is reported at is the one a click selects
        }
        hops.stream().filter(h -> h != f.ttl()).forEach(ordered::add);
        String title = title(f.kind()) + (f.ttl() > 0 ? " at hop " + f.ttl() : "");
        return new Verdict(severity(f), title, f.text(), ordered, f.kind(), f.evidence(), f.addresses());
    }

    static Verdict.Severity severity(Finding f) {
        if (f.kind() == Finding.Kind.REACHED && f.severity() == Finding.Severity.INFO) {
            return Verdict.Severity.OK;
        }
        return switch (f.severity()) {
            case INFO, NOTICE -> Verdict.Severity.INFO; // NOTICE is "looks odd but harmless": not a warning
            case WARNING -> Verdict.Severity.WARNING;
            case PROBLEM -> Verdict.Severity.PROBLEM;
        };
    }

    /** A few words naming the kind; the engine's sentence follows it. */
    static String title(Finding.Kind k) {
        return switch (k) {
            case NAT -> "NAT on the path";
            case BROKEN_NAT -> "NAT that does not translate its errors";
            case MPLS_TUNNEL -> "MPLS tunnel";
            case IMPLICIT_MPLS_TUNNEL -> "MPLS tunnel without labels";
            case HIDDEN_MPLS_TUNNEL -> "Hidden MPLS tunnel";
            case INTERFACE_INFO -> "Interface details";
            case ASYMMETRIC_RETURN -> "Replies return over another path";
            case DIAMOND -> "Load balancing";
            case PER_PACKET_BALANCER -> "Per-packet load balancing";
            case ZERO_TTL_FORWARDING -> "Router forwards expired packets";
            case LOOP -> "Same router twice in a row";
            case CYCLE -> "Same router at two hops";
            case FALSE_LINK -> "False link";
            case UNREACHABLE -> "Destination unreachable";
            case MISSING_HOPS -> "Silent hops";
            case RATE_LIMITED -> "Loss that is not a problem";
            case PERSISTENT_LOSS -> "Packet loss to the destination";
            case FILTERED -> "Probes are filtered";
            case REACHED -> "Destination reached";
        };
    }

    /** Latency to the destination against the user's thresholds, with the hop where it rises. */
    private static void latency(TraceSnapshot s, LatencyThresholds t, List<Verdict> out) {
        List<HopSnapshot> hops = s.hops();
        HopSnapshot dest = hops.stream().filter(HopSnapshot::reachedDestination).findFirst().orElse(null);
        if (dest == null || Double.isNaN(dest.stats().avgMs())) {
            return;
        }
        double avg = dest.stats().avgMs();
        LatencyThresholds.Level lvl = t.level(avg);
        if (lvl != LatencyThresholds.Level.WARNING && lvl != LatencyThresholds.Level.CRITICAL) {
            return;
        }
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
        boolean critical = lvl == LatencyThresholds.Level.CRITICAL;
        out.add(new Verdict(critical ? Verdict.Severity.PROBLEM : Verdict.Severity.WARNING,
                String.format(Locale.ROOT, "High latency to the destination: %.0f ms", avg),
                "Round trips exceed your " + (critical ? "critical" : "warning") + " threshold from hop " + r.ttl()
                        + " onward and stay high to the destination.",
                List.of(r.ttl().value())));
    }
}
