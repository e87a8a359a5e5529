package org.hopscope.engine.netns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.LinkSnapshot;
import org.hopscope.engine.trace.TraceSnapshot;

/** What a topology really is, and how a trace's snapshot compares with it. */
public final class Truth {
    private Truth() {
    }

    /**
     * The interface that answers a probe expiring at {@code ttl} on one branch: the router's ingress
     * interface (icmp_errors_use_inbound_ifaddr=1), or the destination's address.
     *
     * @param silent the router never answers (its time-exceeded messages are dropped)
     */
    public record Hop(int ttl, String node, InetAddress address, boolean silent) {
    }

    /** Two interfaces answering at consecutive TTLs of the same flow. */
    public record Link(InetAddress from, InetAddress to) {
    }

    /** Every answering interface of a path, per TTL (silent hops left out). */
    public static Map<Integer, InetAddress> expected(List<Hop> path) {
        Map<Integer, InetAddress> m = new TreeMap<>();
        for (Hop h : path) {
            if (!h.silent()) {
                m.put(h.ttl(), h.address());
            }
        }
        return m;
    }

    /** Links between consecutive answering hops of the given paths. */
    public static Set<Link> links(List<List<Hop>> paths) {
        Set<Link> s = new LinkedHashSet<>();
        for (List<Hop> p : paths) {
            for (int i = 0; i + 1 < p.size(); i++) {
                if (!p.get(i).silent() && !p.get(i + 1).silent()) {
                    s.add(new Link(p.get(i).address(), p.get(i + 1).address()));
                }
            }
        }
        return s;
    }

    /** The interfaces a trace found, per TTL. */
    public static Map<Integer, Set<InetAddress>> found(TraceSnapshot s) {
        Map<Integer, Set<InetAddress>> m = new TreeMap<>();
        for (HopSnapshot h : s.hops()) {
            Set<InetAddress> a = new LinkedHashSet<>();
            for (InterfaceSnapshot i : h.interfaces()) {
                a.add(i.address());
            }
            if (!a.isEmpty()) {
                m.put(h.ttl().value(), a);
            }
        }
        return m;
    }

    /** The snapshot's links that do not exist in the topology: classic traceroute's false links. */
    public static List<Link> falseLinks(TraceSnapshot s, Set<Link> truth) {
        List<Link> out = new ArrayList<>();
        for (LinkSnapshot l : s.links()) {
            Link link = new Link(l.from(), l.to());
            if (!truth.contains(link)) {
                out.add(link);
            }
        }
        return out;
    }

    /** Links from an address to itself (the same interface at two consecutive TTLs): apparent loops. */
    public static long loops(TraceSnapshot s) {
        return s.links().stream().filter(l -> l.from().equals(l.to())).count();
    }
}
