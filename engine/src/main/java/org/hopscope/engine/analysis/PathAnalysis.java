package org.hopscope.engine.analysis;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hopscope.engine.format.AddressLiterals;
import org.hopscope.engine.graph.Edge;
import org.hopscope.engine.graph.MultipathTopology;
import org.hopscope.engine.graph.TopologyBuilder;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Entry point of the analyses: {@link #analyze(TraceSnapshot)} returns every {@link Finding} of a
 * finished (or running) trace, single-path or multipath, ordered by hop then severity.
 */
public final class PathAnalysis {
    private PathAnalysis() {
    }

    /** Everything found in {@code s}; builds the topology itself. */
    public static List<Finding> analyze(TraceSnapshot s) {
        return analyze(s, TopologyBuilder.build(s));
    }

    /** Everything found in {@code s}, whose topology {@code t} the caller already built. */
    public static List<Finding> analyze(TraceSnapshot s, MultipathTopology t) {
        List<Finding> out = new ArrayList<>();
        out.addAll(NatAnalysis.analyze(s));
        out.addAll(TunnelAnalysis.analyze(s));
        out.addAll(TtlAnalysis.analyze(s));
        out.addAll(AnomalyAnalysis.analyze(s, t));
        out.addAll(LossAnalysis.analyze(s));
        out.sort(Comparator.comparingInt((Finding f) -> f.ttl() == 0 ? Integer.MAX_VALUE : f.ttl())
                .thenComparing(f -> -f.severity().ordinal()));
        return List.copyOf(out);
    }

    /**
     * False links (Augustin et al. 2006): links a classic trace shows that a flow-constant (Paris or
     * MDA) trace of the same destination does not. Classic probing changes the flow with every
     * probe, so two consecutive hops of one output column may lie on different branches of a
     * balancer; a Paris flow never jumps branches, so its links are real.
     */
    public static List<Finding> falseLinks(TraceSnapshot classic, TraceSnapshot paris) {
        MultipathTopology c = TopologyBuilder.build(classic);
        MultipathTopology p = TopologyBuilder.build(paris);
        Set<String> real = new HashSet<>();
        for (Edge e : p.edges()) {
            real.add(key(e.from(), e.to()));
        }
        List<Finding> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        List<Edge> classicLinks = new ArrayList<>(c.edges());
        classicLinks.addAll(c.unverifiedEdges());
        for (Edge e : classicLinks) {
            if (e.gap() != 1 || e.from().equals(classic.sourceAddress()) || real.contains(key(e.from(), e.to()))
                    || !reported.add(key(e.from(), e.to()))) {
                continue;
            }
            int ttl = e.fromTtls().first();
            out.add(new Finding(Finding.Kind.FALSE_LINK, Finding.Severity.NOTICE, ttl, List.of(e.from(), e.to()),
                    "The link " + AddressLiterals.format(e.from()) + " -> " + AddressLiterals.format(e.to()) + " (hops " + ttl + "-"
                            + (ttl + 1) + ") exists only in the classic trace: its probes took different branches of"
                            + " a load balancer. Flow-constant probing never shows it.",
                    "classic column pairs " + e.flows() + "; not among the " + p.edges().size()
                            + " links of the Paris trace"));
        }
        return out;
    }

    private static String key(InetAddress a, InetAddress b) {
        return AddressLiterals.format(a) + ">" + AddressLiterals.format(b);
    }
}
