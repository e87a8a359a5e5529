package org.hopscope.engine.analysis;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hopscope.engine.format.AddressLiterals;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.MplsEntry;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * MPLS tunnels (Donnet et al., "Revealing MPLS tunnels obscured from traceroute", CCR 2012):
 * <ul>
 *   <li>explicit: LSRs quote the label stack (RFC 4950) — reported per run of consecutive hops;</li>
 *   <li>implicit: LSRs answer but without labels; the ingress copied the IP TTL into the label and
 *       the LSRs did not decrement the IP header, so their ICMP errors quote an IP TTL above 1 (1, 2,
 *       3 ... along the tunnel);</li>
 *   <li>opaque/hidden: the egress quotes a label whose TTL is far below 255 although no LSR
 *       answered: the ingress did not propagate the TTL (RFC 3443 pipe model) and 255 − TTL LSRs
 *       are hidden.</li>
 * </ul>
 */
final class TunnelAnalysis {
    /** Label TTLs at or above this on an egress mean the LSE started at 255 (no TTL propagation). */
    private static final int HIDDEN_LSE_TTL = 200;

    private TunnelAnalysis() {
    }

    static List<Finding> analyze(TraceSnapshot s) {
        List<Finding> out = new ArrayList<>();
        explicit(s, out);
        implicit(s, out);
        return out;
    }

    private static void explicit(TraceSnapshot s, List<Finding> out) {
        int start = -1;
        List<InetAddress> routers = new ArrayList<>();
        List<String> stacks = new ArrayList<>();
        for (HopSnapshot h : s.hops()) {
            List<InterfaceSnapshot> labelled = h.interfaces().stream().filter(i -> !i.mplsStacks().isEmpty())
                    .filter(i -> !hidden(i)).toList();
            for (InterfaceSnapshot i : h.interfaces()) {
                if (hidden(i)) {
                    MplsEntry top = i.mplsStacks().get(0).get(0);
                    int lsrs = 255 - top.ttl();
                    out.add(new Finding(Finding.Kind.HIDDEN_MPLS_TUNNEL, Finding.Severity.INFO, h.ttl().value(),
                            List.of(i.address()),
                            "An MPLS tunnel ends at " + AddressLiterals.format(i.address()) + " (hop " + h.ttl().value()
                                    + "); about " + lsrs + " routers inside it do not show in the trace.",
                            "label " + top.label() + " with label TTL " + top.ttl() + " (255 − " + lsrs + ")"));
                }
            }
            if (!labelled.isEmpty()) {
                if (start < 0) {
                    start = h.ttl().value();
                }
                for (InterfaceSnapshot i : labelled) {
                    routers.add(i.address());
                    stacks.add("hop " + h.ttl().value() + " " + AddressLiterals.format(i.address()) + ": "
                            + i.mplsStacks().stream().map(TunnelAnalysis::stack).collect(Collectors.joining(" | ")));
                }
            } else if (start >= 0) {
                out.add(tunnel(start, h.ttl().value() - 1, routers, stacks));
                start = -1;
                routers = new ArrayList<>();
                stacks = new ArrayList<>();
            }
        }
        if (start >= 0) {
            out.add(tunnel(start, s.hops().get(s.hops().size() - 1).ttl().value(), routers, stacks));
        }
    }

    private static boolean hidden(InterfaceSnapshot i) {
        return !i.mplsStacks().isEmpty() && !i.mplsStacks().get(0).isEmpty()
                && i.mplsStacks().get(0).get(0).ttl() >= HIDDEN_LSE_TTL && i.mplsStacks().get(0).get(0).ttl() < 255;
    }

    private static Finding tunnel(int from, int to, List<InetAddress> routers, List<String> stacks) {
        String span = from == to ? "hop " + from : "hops " + from + "-" + to;
        return new Finding(Finding.Kind.MPLS_TUNNEL, Finding.Severity.INFO, from, routers,
                "An MPLS tunnel spans " + span + "; its routers reported their label stacks.",
                String.join("; ", stacks));
    }

    static String stack(List<MplsEntry> stack) {
        return stack.stream().map(e -> "L=" + e.label() + ",TC=" + e.trafficClass() + ",S=" + (e.bottomOfStack() ? 1 : 0)
                + ",TTL=" + e.ttl()).collect(Collectors.joining("/"));
    }

    private static void implicit(TraceSnapshot s, List<Finding> out) {
        int start = -1;
        List<InetAddress> routers = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        int last = -1;
        for (HopSnapshot h : s.hops()) {
            for (InterfaceSnapshot i : h.interfaces()) {
                int q = i.quotedTtls().isEmpty() ? 1 : i.quotedTtls().last();
                if (q > 1 && i.mplsStacks().isEmpty() && !i.isDestination()) {
                    if (start < 0 || h.ttl().value() > last + 1) {
                        flushImplicit(start, routers, evidence, out);
                        start = h.ttl().value() - (q - 1);
                        routers = new ArrayList<>();
                        evidence = new ArrayList<>();
                    }
                    routers.add(i.address());
                    evidence.add("hop " + h.ttl().value() + " " + AddressLiterals.format(i.address()) + " quoted TTL " + q);
                    last = h.ttl().value();
                }
            }
        }
        flushImplicit(start, routers, evidence, out);
    }

    private static void flushImplicit(int start, List<InetAddress> routers, List<String> evidence, List<Finding> out) {
        if (start < 0 || routers.isEmpty()) {
            return;
        }
        out.add(new Finding(Finding.Kind.IMPLICIT_MPLS_TUNNEL, Finding.Severity.INFO, Math.max(1, start), routers,
                "Hops from " + Math.max(1, start) + " on are an MPLS tunnel that shows no labels: its routers quote"
                        + " our probe with a TTL above 1, so they did not decrement it.",
                String.join("; ", evidence)));
    }
}
