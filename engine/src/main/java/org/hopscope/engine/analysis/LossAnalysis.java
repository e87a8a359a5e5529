package org.hopscope.engine.analysis;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Per-hop loss read against end-to-end loss (seeds 003 and 004; mtr's FAQ). A router answers a
 * probe that expires at it on its slow path, which it rate-limits or deprioritises; a probe that
 * crosses it is forwarded in hardware. So loss at hop N that later hops do not show is the router
 * declining to answer, not packets being lost; only loss that continues to the destination is real,
 * and it is reported where it starts.
 *
 * <p>When nothing answers past some hop and no unreachable came back, the probes are being dropped
 * silently: a firewall (often the destination's own) blocking the probe protocol, told apart from an
 * unreachable destination, which a router reports with an ICMP unreachable.
 */
final class LossAnalysis {
    /** Later hops must lose at least this share of the final hop's loss for the loss to "persist". */
    private static final double PERSIST_FRACTION = 0.5;

    private LossAnalysis() {
    }

    static List<Finding> analyze(TraceSnapshot s) {
        List<HopSnapshot> path = new ArrayList<>();
        HopSnapshot destination = null;
        for (HopSnapshot h : s.hops()) {
            if (h.stats().sent() == 0) {
                continue;
            }
            path.add(h);
            if (h.reachedDestination()) {
                destination = h;
                break;
            }
        }
        List<HopSnapshot> answering = path.stream().filter(h -> h.stats().received() > 0).toList();
        List<Finding> out = new ArrayList<>();
        if (answering.isEmpty()) {
            return out;
        }
        if (s.settings().algorithm().multipath()) {
            // A multipath trace sends each flow once per TTL and mixes branches of different lengths
            // at one TTL: its per-hop loss says nothing about rate limiting. Only reachability is judged.
            reachability(s, answering, destination, out);
            return out;
        }
        HopSnapshot last = destination != null ? destination : answering.get(answering.size() - 1);
        double finalLoss = loss(last);
        int origin = answering.size(); // index into answering where persistent loss starts; none by default
        if (finalLoss > 0) {
            origin = answering.indexOf(last);
            for (int i = answering.indexOf(last) - 1; i >= 0; i--) {
                double l = loss(answering.get(i));
                // Far more loss than the end shows is the router's own ICMP limit on top of
                // whatever is lost below it: the real loss is not shown to start there.
                if (l >= PERSIST_FRACTION * finalLoss && l <= 1.5 * finalLoss + 0.1) {
                    origin = i;
                } else {
                    break;
                }
            }
        }
        for (int i = 0; i < origin && i < answering.size(); i++) {
            HopSnapshot h = answering.get(i);
            if (h != last && loss(h) > 0) {
                out.add(rateLimited(h, last));
            }
        }
        boolean marked = last.interfaces().stream().anyMatch(x -> !x.marks().isEmpty());
        if (finalLoss > 0 && origin < answering.size()) {
            out.add(persistent(answering.get(origin), last, destination != null));
        }
        if (destination == null && !marked) {
            out.add(filtered(s, last));
        } else if (destination != null && finalLoss == 0) {
            out.add(new Finding(Finding.Kind.REACHED, Finding.Severity.INFO, destination.ttl().value(),
                    addresses(destination), "The destination answered every probe that reached it: no loss end to"
                            + " end.", destination.stats().received() + " of " + destination.stats().sent()
                            + " probes answered at hop " + destination.ttl().value()));
        }
        return out;
    }

    private static void reachability(TraceSnapshot s, List<HopSnapshot> answering, HopSnapshot destination,
            List<Finding> out) {
        HopSnapshot last = answering.get(answering.size() - 1);
        boolean marked = s.hops().stream().flatMap(h -> h.interfaces().stream()).anyMatch(x -> !x.marks().isEmpty());
        if (destination == null && !marked) {
            out.add(filtered(s, last));
        }
    }

    static double loss(HopSnapshot h) {
        return h.stats().sent() == 0 ? 0 : (double) (h.stats().sent() - h.stats().received()) / h.stats().sent();
    }

    private static Finding rateLimited(HopSnapshot h, HopSnapshot last) {
        return new Finding(Finding.Kind.RATE_LIMITED, Finding.Severity.NOTICE, h.ttl().value(), addresses(h),
                "Hop " + h.ttl().value() + " (" + names(h) + ") left " + pct(loss(h)) + " of probes unanswered, but"
                        + " later hops do not lose them: the router limits or deprioritises the ICMP replies it"
                        + " sends. This is not packet loss and needs no action.",
                (h.stats().sent() - h.stats().received()) + " of " + h.stats().sent() + " unanswered at hop "
                        + h.ttl().value() + "; " + pct(loss(last)) + " at hop " + last.ttl().value());
    }

    private static Finding persistent(HopSnapshot start, HopSnapshot last, boolean reached) {
        String end = reached ? "the destination" : "the last hop that answers (" + last.ttl().value() + ")";
        return new Finding(Finding.Kind.PERSISTENT_LOSS, Finding.Severity.PROBLEM, start.ttl().value(),
                addresses(start),
                "Packets are lost from hop " + start.ttl().value() + " (" + names(start) + ") onwards: " + pct(loss(last))
                        + " of probes to " + end + " got no answer. The loss starts at or just before this router.",
                "loss " + pct(loss(start)) + " at hop " + start.ttl().value() + ", " + pct(loss(last)) + " at hop "
                        + last.ttl().value());
    }

    private static Finding filtered(TraceSnapshot s, HopSnapshot last) {
        String proto = s.settings().protocol().name();
        int next = last.ttl().value() + 1;
        return new Finding(Finding.Kind.FILTERED, Finding.Severity.WARNING, next, addresses(last),
                "Nothing answers after hop " + last.ttl().value() + " (" + names(last) + ") and no router reported the"
                        + " destination unreachable: the destination, or a firewall in front of it, silently drops "
                        + proto + " probes. If the service itself works, this is a filter, not an outage; try"
                        + " another probe protocol (-p tcp -d 443, -p icmp).",
                "last answer at hop " + last.ttl().value() + ", no reply and no ICMP unreachable from hop " + next + " on");
    }

    private static List<InetAddress> addresses(HopSnapshot h) {
        return h.interfaces().stream().map(InterfaceSnapshot::address).toList();
    }

    private static String names(HopSnapshot h) {
        return Finding.addressList(addresses(h));
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * f);
    }
}
