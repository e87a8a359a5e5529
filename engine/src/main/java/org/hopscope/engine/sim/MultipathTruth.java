package org.hopscope.engine.sim;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every path toward one destination, TTL by TTL: what an exhaustive multipath algorithm (MDA) should
 * find, with its answering interfaces per TTL and the links between consecutive TTLs.
 *
 * @param paths one list per node path of the network (see {@link Topology#multipathTruth})
 */
public record MultipathTruth(List<List<TrueHop>> paths) {
    public MultipathTruth {
        paths = paths.stream().map(List::copyOf).toList();
    }

    /** Addresses that answer at {@code ttl} on some path. */
    public Set<InetAddress> interfacesAtTtl(int ttl) {
        Set<InetAddress> s = new LinkedHashSet<>();
        for (List<TrueHop> p : paths) {
            if (ttl >= 1 && ttl <= p.size() && p.get(ttl - 1).answers()) {
                s.add(p.get(ttl - 1).address());
            }
        }
        return s;
    }

    /** Pairs of answering addresses at consecutive TTLs of one path. */
    public Set<TrueLink> links() {
        Set<TrueLink> s = new LinkedHashSet<>();
        for (List<TrueHop> p : paths) {
            for (int i = 0; i + 1 < p.size(); i++) {
                if (p.get(i).answers() && p.get(i + 1).answers()) {
                    s.add(new TrueLink(i + 1, p.get(i).address(), p.get(i + 1).address()));
                }
            }
        }
        return s;
    }

    /** The largest TTL any path needs to end. */
    public int maxTtl() {
        return paths.stream().mapToInt(List::size).max().orElse(0);
    }

    /** The TTLs at which the destination can be reached. */
    public Set<Integer> destinationTtls() {
        Set<Integer> s = new LinkedHashSet<>();
        for (List<TrueHop> p : paths) {
            if (!p.isEmpty() && p.get(p.size() - 1).kind() == TrueHop.Kind.DESTINATION) {
                s.add(p.size());
            }
        }
        return s;
    }
}
