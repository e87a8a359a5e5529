package org.hopscope.engine.graph;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a trace shows of the network, as a DAG.
 *
 * @param source the prober's address
 * @param destination the target's address
 * @param hops TTL by TTL, every interface with its flows (all TTLs probed, including those after the
 *     shortest branch reached the destination)
 * @param vertices every interface, the source first
 * @param edges verified links
 * @param unverifiedEdges links one flow showed but that cannot be trusted: the flow answered from
 *     several interfaces at one TTL (per-packet balancing, a route change) or its path was spread by
 *     a per-packet balancer upstream; classic probing's column pairs are all here
 * @param balancers interfaces with several next hops
 * @param diamonds diamonds, outermost first (a diamond whose divergence point lies inside another is
 *     nested in it)
 */
public record MultipathTopology(
        InetAddress source,
        InetAddress destination,
        List<HopLayer> hops,
        List<Vertex> vertices,
        List<Edge> edges,
        List<Edge> unverifiedEdges,
        List<Balancer> balancers,
        List<Diamond> diamonds) {

    public MultipathTopology {
        hops = List.copyOf(hops);
        vertices = List.copyOf(vertices);
        edges = List.copyOf(edges);
        unverifiedEdges = List.copyOf(unverifiedEdges);
        balancers = List.copyOf(balancers);
        diamonds = List.copyOf(diamonds);
    }

    public Optional<Vertex> vertex(InetAddress a) {
        return vertices.stream().filter(v -> v.address().equals(a)).findFirst();
    }

    public Optional<HopLayer> hop(int ttl) {
        return hops.stream().filter(h -> h.ttl() == ttl).findFirst();
    }

    /** Interfaces that answered at {@code ttl}. */
    public Set<InetAddress> interfacesAt(int ttl) {
        Set<InetAddress> s = new LinkedHashSet<>();
        hop(ttl).ifPresent(h -> h.interfaces().forEach(i -> s.add(i.address())));
        return s;
    }

    public List<Edge> edgesFrom(InetAddress a) {
        List<Edge> r = new ArrayList<>();
        for (Edge e : edges) {
            if (e.from().equals(a)) {
                r.add(e);
            }
        }
        return r;
    }

    /** Verified links between adjacent TTLs as (fromTtl, from, to) triples, the form ground truth takes. */
    public Set<Link> links() {
        Set<Link> s = new LinkedHashSet<>();
        for (Edge e : edges) {
            if (e.gap() == 1) {
                for (int t : e.fromTtls()) {
                    s.add(new Link(t, e.from(), e.to()));
                }
            }
        }
        return s;
    }

    /** A link at a given TTL. */
    public record Link(int fromTtl, InetAddress from, InetAddress to) {
    }
}
