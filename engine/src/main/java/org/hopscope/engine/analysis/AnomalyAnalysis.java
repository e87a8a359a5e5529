package org.hopscope.engine.analysis;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hopscope.engine.format.AddressLiterals;
import org.hopscope.engine.graph.Balancer;
import org.hopscope.engine.graph.Diamond;
import org.hopscope.engine.graph.MultipathTopology;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * The anomalies of Augustin et al., "Avoiding traceroute anomalies with Paris traceroute" (IMC
 * 2006) and what else looks wrong in an output: loops and cycles (per flow, so that a balancer
 * cannot fake them unless probing is classic), diamonds and per-packet balancers (from the
 * topology), unreachable codes, hops that never answer.
 */
final class AnomalyAnalysis {
    private AnomalyAnalysis() {
    }

    static List<Finding> analyze(TraceSnapshot s, MultipathTopology t) {
        List<Finding> out = new ArrayList<>();
        loops(s, out);
        for (Diamond d : t.diamonds()) {
            out.add(diamond(d));
        }
        for (Balancer b : t.balancers()) {
            if (b.kind() == Balancer.Kind.PER_PACKET) {
                out.add(perPacket(b));
            }
        }
        unreachables(s, out);
        if (s.settings().algorithm().multipath()) {
            silentLinks(t, out);
        } else {
            missingHops(s, out);
        }
        return out;
    }

    /**
     * A loop: one path meets the same address at consecutive TTLs; a cycle: at two TTLs with another
     * address between. Replies from the destination are left out (it answers every TTL beyond its
     * own), and so are repeats explained by a quoted TTL of 0 (reported as zero-TTL forwarding).
     */
    private static void loops(TraceSnapshot s, List<Finding> out) {
        boolean classic = s.settings().method() == ProbeMethod.CLASSIC;
        Map<String, Finding> found = new LinkedHashMap<>();
        for (Map.Entry<Integer, TreeMap<Integer, List<ProbeRecord>>> path : Probes.byPath(s).entrySet()) {
            Map<InetAddress, Integer> lastTtl = new LinkedHashMap<>();
            Map<InetAddress, Integer> lastQuoted = new LinkedHashMap<>();
            for (Map.Entry<Integer, List<ProbeRecord>> hop : path.getValue().entrySet()) {
                ProbeRecord p = hop.getValue().get(0);
                if (p.reply().fromDestination()) {
                    continue;
                }
                InetAddress a = p.reply().from();
                int ttl = hop.getKey();
                Integer before = lastTtl.get(a);
                if (before != null && lastQuoted.getOrDefault(a, 1) != 0) {
                    boolean loop = ttl == before + 1;
                    String key = (loop ? "loop " : "cycle ") + AddressLiterals.format(a) + " " + before;
                    found.putIfAbsent(key, loopFinding(loop, classic, a, before, ttl, path.getKey()));
                }
                lastTtl.put(a, ttl);
                lastQuoted.put(a, p.reply().quotedTtl());
            }
        }
        out.addAll(found.values());
    }

    private static Finding loopFinding(boolean loop, boolean classic, InetAddress a, int first, int second, int path) {
        String what = loop ? "appears at two consecutive hops (" + first + " and " + second + ")"
                : "appears at hop " + first + " and again at hop " + second + " with other routers between";
        String why = classic
                ? " With classic probes this is most likely an artefact of load balancing (each probe took another"
                        + " path); rerun with Paris probes before calling it a routing loop."
                : loop ? " One flow met it twice in a row: a router that does not decrement the TTL, or a routing"
                        + " loop if it persists." : " One flow met it twice: a routing loop while routes changed, or"
                        + " a real forwarding loop if it persists.";
        return new Finding(loop ? Finding.Kind.LOOP : Finding.Kind.CYCLE, classic ? Finding.Severity.NOTICE
                : Finding.Severity.WARNING, first, List.of(a), AddressLiterals.format(a) + " " + what + "." + why,
                (classic ? "column " : "flow ") + path + " answered from " + AddressLiterals.format(a) + " at TTL " + first
                        + " and " + second);
    }

    private static Finding diamond(Diamond d) {
        String to = d.convergence() == null ? "never rejoin within the trace"
                : "rejoin at " + AddressLiterals.format(d.convergence()) + " (hop " + d.convergenceTtl() + ")";
        String lengths = d.minLength() == d.maxLength() ? d.minLength() + " hops long"
                : d.minLength() + " to " + d.maxLength() + " hops long (unequal branches)";
        String shape = (d.symmetric() ? "symmetric" : "asymmetric") + (d.meshed() ? ", meshed" : "")
                + (d.uniform() ? "" : ", uneven split");
        List<InetAddress> named = new ArrayList<>();
        named.add(d.divergence());
        if (d.convergence() != null) {
            named.add(d.convergence());
        }
        return new Finding(Finding.Kind.DIAMOND, Finding.Severity.INFO, d.divergenceTtl(), named,
                "Load balancing: paths split after " + AddressLiterals.format(d.divergence()) + " (hop " + d.divergenceTtl()
                        + ") and " + to + "; up to " + d.maxWidth() + " routers side by side, " + lengths + ".",
                "width " + d.maxWidth() + ", length " + d.minLength() + (d.minLength() == d.maxLength() ? ""
                        : ".." + d.maxLength()) + ", " + shape + ", balancing "
                        + d.balancing().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ", "
                        + d.interfaces().size() + " interfaces inside");
    }

    private static Finding perPacket(Balancer b) {
        List<InetAddress> named = new ArrayList<>();
        if (b.address() != null) {
            named.add(b.address());
        }
        named.addAll(b.nextHops());
        String who = b.address() == null ? "A router before hop " + (b.ttl() + 1) : AddressLiterals.format(b.address())
                + " (hop " + b.ttl() + ")";
        return new Finding(Finding.Kind.PER_PACKET_BALANCER, Finding.Severity.WARNING, b.ttl(), named,
                who + " spreads the packets of one connection over " + b.nextHops().size()
                        + " paths: expect reordering and jitter for TCP and real-time traffic.",
                "the same flow was answered by " + Finding.addressList(b.nextHops()) + "; resent probes #"
                        + b.evidence());
    }

    private static void unreachables(TraceSnapshot s, List<Finding> out) {
        for (HopSnapshot h : s.hops()) {
            for (InterfaceSnapshot i : h.interfaces()) {
                for (String mark : i.marks()) {
                    out.add(new Finding(Finding.Kind.UNREACHABLE, Finding.Severity.PROBLEM, h.ttl().value(),
                            List.of(i.address()), AddressLiterals.format(i.address()) + " (hop " + h.ttl().value() + ") says "
                                    + meaning(mark) + ".",
                            "ICMP destination unreachable " + mark));
                }
            }
        }
    }

    /** RFC 792 / RFC 1812 §5.2.7.1 meanings of the traceroute marks. */
    static String meaning(String mark) {
        return switch (mark) {
            case "!N" -> "it has no route to the destination's network (!N)";
            case "!H" -> "it cannot reach the destination host (!H)";
            case "!P" -> "the destination does not speak the probe's protocol (!P)";
            case "!F" -> "the packet is too big and may not be fragmented (!F)";
            case "!S" -> "the source route failed (!S)";
            case "!X" -> "traffic to the destination is administratively prohibited: a filter (!X)";
            case "!V" -> "host precedence violation (!V)";
            case "!C" -> "precedence cutoff in effect (!C)";
            default -> "the destination is unreachable (code " + mark.substring(1) + ")";
        };
    }

    /** Runs of TTLs where nothing answered, with answers after them. */
    private static void missingHops(TraceSnapshot s, List<Finding> out) {
        List<HopSnapshot> hops = s.hops();
        int lastAnswering = -1;
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!hops.get(i).interfaces().isEmpty()) {
                lastAnswering = i;
                break;
            }
        }
        int runStart = -1;
        for (int i = 0; i <= lastAnswering; i++) {
            HopSnapshot h = hops.get(i);
            if (h.interfaces().isEmpty() && h.stats().sent() > 0) {
                if (runStart < 0) {
                    runStart = i;
                }
            } else if (runStart >= 0) {
                int from = hops.get(runStart).ttl().value();
                int to = hops.get(i - 1).ttl().value();
                String span = from == to ? "Hop " + from + " does" : "Hops " + from + "-" + to + " do";
                out.add(new Finding(Finding.Kind.MISSING_HOPS, Finding.Severity.NOTICE, from, List.of(),
                        span + " not answer, but the path continues beyond: the router(s) there do not send ICMP"
                                + " time exceeded (policy), which is not a fault.",
                        "no reply to " + sent(hops, runStart, i) + " probes; hop " + h.ttl().value() + " answered"));
                runStart = -1;
            }
        }
    }

    /**
     * In a multipath trace branches of different lengths share TTLs, so a silent router rarely leaves
     * a whole TTL empty; it shows as a link across a hole instead. A link across a hole that no path
     * of answering routers also covers is a router that never answers (one that sometimes does, a
     * rate-limited one, is also reached through its own links).
     */
    private static void silentLinks(MultipathTopology t, List<Finding> out) {
        // Holes ending at the same router (several branches merging behind one silent router) are one.
        Map<String, List<org.hopscope.engine.graph.Edge>> byEnd = new LinkedHashMap<>();
        for (org.hopscope.engine.graph.Edge e : t.edges()) {
            if (e.viaSilentHops() && !connectedWithout(t, e)) {
                byEnd.computeIfAbsent(AddressLiterals.format(e.to()) + "/" + e.gap(), k -> new ArrayList<>()).add(e);
            }
        }
        for (List<org.hopscope.engine.graph.Edge> group : byEnd.values()) {
            org.hopscope.engine.graph.Edge e = group.get(0);
            int from = e.fromTtls().first();
            int hidden = e.gap() - 1;
            List<InetAddress> named = new ArrayList<>();
            group.forEach(g -> named.add(g.from()));
            named.add(e.to());
            String before = Finding.addressList(named.subList(0, named.size() - 1));
            out.add(new Finding(Finding.Kind.MISSING_HOPS, Finding.Severity.NOTICE, from + 1, named,
                    (hidden == 1 ? "One router" : hidden + " routers") + " between " + before + " and "
                            + AddressLiterals.format(e.to()) + (hidden == 1 ? " never answers" : " never answer")
                            + ", but the path continues beyond: routers that do not send ICMP time exceeded"
                            + " (policy) are not a fault.",
                    "flows answered at TTL " + from + " and " + (from + e.gap()) + ", never in between: "
                            + group.stream().map(g -> g.flows().toString()).collect(java.util.stream.Collectors
                                    .joining(" "))));
        }
    }

    private static boolean connectedWithout(MultipathTopology t, org.hopscope.engine.graph.Edge skip) {
        java.util.ArrayDeque<InetAddress> todo = new java.util.ArrayDeque<>();
        java.util.Set<InetAddress> seen = new java.util.HashSet<>();
        todo.add(skip.from());
        while (!todo.isEmpty()) {
            InetAddress v = todo.pop();
            if (!seen.add(v)) {
                continue;
            }
            for (org.hopscope.engine.graph.Edge e : t.edgesFrom(v)) {
                if (e == skip) {
                    continue;
                }
                if (e.to().equals(skip.to())) {
                    return true;
                }
                todo.add(e.to());
            }
        }
        return false;
    }

    private static long sent(List<HopSnapshot> hops, int from, int toExclusive) {
        long n = 0;
        for (int i = from; i < toExclusive; i++) {
            n += hops.get(i).stats().sent();
        }
        return n;
    }
}
