package org.hopscope.engine.sim;

import java.util.List;

/**
 * An MPLS LSP across consecutive linked routers: {@code nodes.get(0)} is the ingress LER (pushes the
 * label), the last one the egress LER (pops it), the ones between are LSRs. It applies to packets the
 * ingress forwards to the first LSR whose destination lies beyond the egress.
 *
 * @param labels the label each node after the ingress receives (LSRs, then the egress)
 * @param line the line it was declared on
 */
public record MplsTunnel(Mode mode, List<String> nodes, List<Integer> labels, int line) {
    public MplsTunnel {
        nodes = List.copyOf(nodes);
        labels = List.copyOf(labels);
    }

    /**
     * The four kinds of tunnels of Donnet et al., "Revealing MPLS tunnels obscured from traceroute"
     * (CCR 2012): whether the ingress copies the IP TTL into the label (ttl-propagate, RFC 3443
     * uniform model) and whether routers attach RFC 4950 label stacks to ICMP.
     */
    public enum Mode {
        /** ttl-propagate and RFC 4950: LSRs answer with the label stack; quoted TTLs grow 1, 2, 3. */
        EXPLICIT(true, true),
        /** ttl-propagate, no RFC 4950: LSRs answer without extension; quoted TTLs grow 1, 2, 3. */
        IMPLICIT(true, false),
        /** No ttl-propagate: LSRs hidden; the egress answers with the label stack it received (TTL ≠ 1). */
        OPAQUE(false, true),
        /** No ttl-propagate, no RFC 4950: LSRs hidden without a trace. */
        INVISIBLE(false, false);

        private final boolean propagate;
        private final boolean rfc4950;

        Mode(boolean propagate, boolean rfc4950) {
            this.propagate = propagate;
            this.rfc4950 = rfc4950;
        }

        /** The ingress copies the IP TTL into the label (else it sets 255 and LSRs are hidden). */
        public boolean propagatesTtl() {
            return propagate;
        }

        /** Routers attach an RFC 4950 label stack to their ICMP errors. */
        public boolean attachesLabelStack() {
            return rfc4950;
        }
    }

    public String ingress() {
        return nodes.get(0);
    }

    public String egress() {
        return nodes.get(nodes.size() - 1);
    }

    /** The node after {@code name} in the tunnel, or null if it is the egress or not in it. */
    String after(String name) {
        int i = nodes.indexOf(name);
        return i >= 0 && i + 1 < nodes.size() ? nodes.get(i + 1) : null;
    }

    /** The label the node {@code name} receives. */
    int labelAt(String name) {
        return labels.get(nodes.indexOf(name) - 1);
    }
}
