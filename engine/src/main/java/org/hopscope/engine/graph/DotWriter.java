package org.hopscope.engine.graph;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hopscope.engine.format.AddressLiterals;
import org.hopscope.engine.probe.FlowId;

/**
 * Writes a topology as a Graphviz digraph ({@code --dot}): one node per interface, ranked by TTL, one
 * labelled edge per link ("flows 0,2,5 · 50%"; past {@value #MAX_LISTED_FLOWS} flows only their
 * number). Links across silent hops are dashed and labelled with the number of hidden hops;
 * unverified links (per-packet balancing, classic probing) are dotted and red; balancers are drawn
 * with a double border, the destination as a double octagon.
 *
 * <pre>
 * digraph hopscope {
 *   rankdir=LR;
 *   node [shape=box, fontname="monospace"];
 *   "198.18.0.2" [label="198.18.0.2\nsource", shape=ellipse];
 *   "198.18.2.1" [label="198.18.2.1\nTTL 3\nper-flow balancer", peripheries=2];
 *   "198.18.2.1" -&gt; "198.18.3.1" [label="flows 0,2,5 · 50%"];
 * }
 * </pre>
 */
public final class DotWriter {
    static final int MAX_LISTED_FLOWS = 8;

    private Function<InetAddress, String> names = a -> null;

    /** Host names to print above addresses (null when unknown). Must not block. */
    public DotWriter hostNames(Function<InetAddress, String> n) {
        names = n;
        return this;
    }

    public String write(MultipathTopology t) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph hopscope {\n");
        sb.append("  rankdir=LR;\n");
        sb.append("  node [shape=box, fontname=\"monospace\"];\n");
        sb.append("  edge [fontname=\"monospace\", fontsize=10];\n");
        Map<Integer, List<String>> ranks = new TreeMap<>();
        for (Vertex v : t.vertices()) {
            sb.append("  ").append(id(v.address())).append(" [label=").append(quote(label(v, t)));
            switch (v.role()) {
                case SOURCE -> sb.append(", shape=ellipse");
                case DESTINATION -> sb.append(", shape=doubleoctagon");
                case UNREACHABLE -> sb.append(", color=red");
                default -> { }
            }
            if (balancer(t, v.address()) != null) {
                sb.append(", peripheries=2");
            }
            sb.append("];\n");
            if (v.ttls().size() == 1) {
                ranks.computeIfAbsent(v.ttls().first(), k -> new ArrayList<>()).add(id(v.address()));
            }
        }
        for (List<String> same : ranks.values()) {
            if (same.size() > 1) {
                sb.append("  { rank=same; ").append(String.join("; ", same)).append("; }\n");
            }
        }
        for (Edge e : t.edges()) {
            edge(sb, e, e.gap() > 1 ? "style=dashed" : null);
        }
        for (Edge e : t.unverifiedEdges()) {
            edge(sb, e, "style=dotted, color=red, fontcolor=red");
        }
        sb.append("}\n");
        return sb.toString();
    }

    private void edge(StringBuilder sb, Edge e, String style) {
        sb.append("  ").append(id(e.from())).append(" -> ").append(id(e.to())).append(" [label=")
                .append(quote(edgeLabel(e, style != null && style.contains("dotted")))).append(style == null ? ""
                        : ", " + style).append("];\n");
    }

    static String edgeLabel(Edge e, boolean unverified) {
        List<String> parts = new ArrayList<>();
        if (!e.flows().isEmpty()) {
            if (e.flows().size() <= MAX_LISTED_FLOWS) {
                parts.add((e.flows().size() == 1 ? "flow " : "flows ")
                        + e.flows().stream().map(FlowId::toString).collect(Collectors.joining(",")));
            } else {
                parts.add(e.flows().size() + " flows");
            }
            if (e.share() < 1.0) {
                parts.add(String.format(Locale.ROOT, "%.0f%%", e.share() * 100));
            }
        }
        if (e.gap() > 1) {
            parts.add((e.gap() - 1) + (e.gap() == 2 ? " silent hop" : " silent hops"));
        }
        if (unverified) {
            parts.add("unverified");
        }
        return String.join(" · ", parts);
    }

    private String label(Vertex v, MultipathTopology t) {
        StringBuilder sb = new StringBuilder();
        String name = names.apply(v.address());
        if (name != null && !name.isEmpty()) {
            sb.append(name).append('\n');
        }
        sb.append(AddressLiterals.format(v.address()));
        if (v.role() == Vertex.Role.SOURCE) {
            sb.append("\nsource");
        } else {
            sb.append("\nTTL ").append(v.ttls().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        if (v.role() == Vertex.Role.DESTINATION) {
            sb.append("\ndestination");
        } else if (v.role() == Vertex.Role.UNREACHABLE) {
            sb.append("\nunreachable");
        }
        Balancer b = balancer(t, v.address());
        if (b != null) {
            sb.append('\n').append(switch (b.kind()) {
                case PER_FLOW -> "per-flow balancer";
                case PER_PACKET -> "per-packet balancer";
                case UNKNOWN -> "load balancer";
            });
        }
        return sb.toString();
    }

    private static Balancer balancer(MultipathTopology t, InetAddress a) {
        for (Balancer b : t.balancers()) {
            if (a.equals(b.address())) {
                return b;
            }
        }
        return null;
    }

    private static String id(InetAddress a) {
        return quote(AddressLiterals.format(a));
    }

    /** A DOT double-quoted string; newlines become DOT's centred line breaks. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
