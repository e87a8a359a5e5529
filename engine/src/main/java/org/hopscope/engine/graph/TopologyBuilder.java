package org.hopscope.engine.graph;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Builds the {@link MultipathTopology} a snapshot shows. Pure: the same snapshot always gives the
 * same topology, and the snapshot is not changed.
 *
 * <p>Links come only from flows: a flow that answered from {@code a} at TTL t and from {@code b} at
 * t+1 shows the link a→b if {@link Spread#proves} says its path to t was fixed. When the TTLs between
 * two answers of a flow never answered at all (silent routers), the flow shows a link across them
 * ({@code gap > 1}) unless verified links already join the two interfaces.
 */
public final class TopologyBuilder {
    private TopologyBuilder() {
    }

    public static MultipathTopology build(TraceSnapshot s) {
        FlowTable table = FlowTable.of(s);
        Spread spread = new Spread(table);
        List<HopLayer> hops = hops(table);
        Map<InetAddress, VertexAcc> vertices = vertices(s, table);
        Map<EdgeKey, EdgeAcc> verified = new LinkedHashMap<>();
        Map<EdgeKey, EdgeAcc> unverified = new LinkedHashMap<>();
        List<GapCandidate> gaps = new ArrayList<>();
        collectEdges(s, table, spread, verified, unverified, gaps);
        addGapEdges(gaps, verified, unverified);
        List<Edge> edges = finish(verified);
        List<Edge> others = finish(unverified);
        List<Vertex> vlist = new ArrayList<>();
        for (VertexAcc v : vertices.values()) {
            vlist.add(new Vertex(v.address, v.role, v.ttls, v.flows, v.replies));
        }
        List<Balancer> balancers = Balancers.find(s, table, spread, edges);
        List<Diamond> diamonds = DiamondFinder.find(s.sourceAddress(), vlist, edges, balancers);
        return new MultipathTopology(s.sourceAddress(), s.resolvedAddress(), hops, vlist, edges, others, balancers,
                diamonds);
    }

    private static List<HopLayer> hops(FlowTable table) {
        List<HopLayer> hops = new ArrayList<>();
        for (Map.Entry<Integer, Map<Integer, FlowTable.Cell>> e : table.cells.entrySet()) {
            int ttl = e.getKey();
            Map<InetAddress, SortedSet<FlowId>> flows = new LinkedHashMap<>();
            Map<InetAddress, Boolean> terminal = new LinkedHashMap<>();
            int probes = 0;
            int unanswered = 0;
            for (Map.Entry<Integer, FlowTable.Cell> c : e.getValue().entrySet()) {
                probes += c.getValue().probes;
                unanswered += c.getValue().unanswered;
                for (InetAddress a : c.getValue().answers) {
                    flows.computeIfAbsent(a, k -> new TreeSet<>()).add(FlowId.of(c.getKey()));
                    terminal.merge(a, c.getValue().terminal, Boolean::logicalOr);
                }
            }
            List<HopInterface> ifaces = new ArrayList<>();
            Map<InetAddress, double[]> rtt = table.rtts.getOrDefault(ttl, Map.of());
            for (Map.Entry<InetAddress, SortedSet<FlowId>> f : flows.entrySet()) {
                double[] r = rtt.getOrDefault(f.getKey(), new double[] {Double.NaN, 1});
                ifaces.add(new HopInterface(f.getKey(), f.getValue(), (int) r[1], r[0] / r[1],
                        terminal.get(f.getKey())));
            }
            hops.add(new HopLayer(ttl, ifaces, probes, unanswered));
        }
        return hops;
    }

    private static final class VertexAcc {
        final InetAddress address;
        Vertex.Role role;
        final SortedSet<Integer> ttls = new TreeSet<>();
        final SortedSet<FlowId> flows = new TreeSet<>();
        int replies;

        VertexAcc(InetAddress address, Vertex.Role role) {
            this.address = address;
            this.role = role;
        }
    }

    private static Map<InetAddress, VertexAcc> vertices(TraceSnapshot s, FlowTable table) {
        Map<InetAddress, VertexAcc> m = new LinkedHashMap<>();
        VertexAcc src = new VertexAcc(s.sourceAddress(), Vertex.Role.SOURCE);
        src.ttls.add(0);
        m.put(s.sourceAddress(), src);
        for (Map.Entry<Integer, Map<Integer, FlowTable.Cell>> e : table.cells.entrySet()) {
            for (Map.Entry<Integer, FlowTable.Cell> c : e.getValue().entrySet()) {
                for (InetAddress a : c.getValue().answers) {
                    VertexAcc v = m.computeIfAbsent(a, k -> new VertexAcc(k, table.roles.get(k)));
                    v.ttls.add(e.getKey());
                    if (!table.classic) {
                        v.flows.add(FlowId.of(c.getKey()));
                    }
                }
            }
        }
        for (Map<InetAddress, double[]> byAddr : table.rtts.values()) {
            for (Map.Entry<InetAddress, double[]> r : byAddr.entrySet()) {
                VertexAcc v = m.get(r.getKey());
                if (v != null) {
                    v.replies += (int) r.getValue()[1];
                }
            }
        }
        return m;
    }

    private record EdgeKey(InetAddress from, InetAddress to, int gap) {
    }

    private static final class EdgeAcc {
        final SortedSet<Integer> ttls = new TreeSet<>();
        final SortedSet<FlowId> flows = new TreeSet<>();
    }

    private record GapCandidate(int ttl, InetAddress from, InetAddress to, int gap, int flow, boolean proven) {
    }

    private static void collectEdges(TraceSnapshot s, FlowTable table, Spread spread, Map<EdgeKey, EdgeAcc> verified,
            Map<EdgeKey, EdgeAcc> unverified, List<GapCandidate> gaps) {
        Integer first = table.cells.isEmpty() ? null : table.cells.firstKey();
        for (Map.Entry<Integer, Map<Integer, FlowTable.Cell>> e : table.cells.entrySet()) {
            int ttl = e.getKey();
            for (Map.Entry<Integer, FlowTable.Cell> ce : e.getValue().entrySet()) {
                FlowTable.Cell c = ce.getValue();
                int key = ce.getKey();
                if (first != null && ttl == first && ttl == s.settings().firstTtl() && c.answered()) {
                    // The prober links to whatever answers at the first TTL (its own next hops).
                    for (InetAddress b : c.answers) {
                        add(verified, new EdgeKey(s.sourceAddress(), b, ttl), 0, key, table.classic);
                    }
                }
                if (!c.answered() || c.terminal) {
                    continue;
                }
                FlowTable.Cell next = table.cell(ttl + 1, key);
                if (next != null && next.answered()) {
                    boolean proven = spread.proves(c, ttl, 1);
                    for (InetAddress a : c.answers) {
                        for (InetAddress b : next.answers) {
                            add(proven ? verified : unverified, new EdgeKey(a, b, 1), ttl, key, table.classic);
                        }
                    }
                    continue;
                }
                if (table.classic || next == null) {
                    continue;
                }
                // Unanswered at ttl+1: look for the flow's next answer across silent TTLs.
                for (int g = 2; ttl + g <= table.cells.lastKey(); g++) {
                    FlowTable.Cell later = table.cell(ttl + g, key);
                    if (later == null) {
                        break;
                    }
                    if (later.answered()) {
                        boolean proven = spread.proves(c, ttl, g);
                        for (InetAddress a : c.answers) {
                            for (InetAddress b : later.answers) {
                                gaps.add(new GapCandidate(ttl, a, b, g, key, proven));
                            }
                        }
                        break;
                    }
                }
            }
        }
    }

    private static void add(Map<EdgeKey, EdgeAcc> m, EdgeKey k, int ttl, int key, boolean classic) {
        EdgeAcc acc = m.computeIfAbsent(k, x -> new EdgeAcc());
        acc.ttls.add(ttl);
        if (!classic) {
            acc.flows.add(FlowId.of(key));
        }
    }

    /** A path across silent TTLs is only worth an edge when no answered path joins the two ends. */
    private static void addGapEdges(List<GapCandidate> gaps, Map<EdgeKey, EdgeAcc> verified,
            Map<EdgeKey, EdgeAcc> unverified) {
        Map<InetAddress, Set<InetAddress>> adjacency = new LinkedHashMap<>();
        for (EdgeKey k : verified.keySet()) {
            adjacency.computeIfAbsent(k.from, x -> new LinkedHashSet<>()).add(k.to);
        }
        Map<List<InetAddress>, Boolean> joined = new LinkedHashMap<>();
        for (GapCandidate g : gaps) {
            boolean c = joined.computeIfAbsent(List.of(g.from, g.to), k -> connected(adjacency, g.from, g.to));
            if (!c) {
                add(g.proven ? verified : unverified, new EdgeKey(g.from, g.to, g.gap), g.ttl, g.flow, false);
            }
        }
    }

    private static boolean connected(Map<InetAddress, Set<InetAddress>> adjacency, InetAddress from, InetAddress to) {
        Set<InetAddress> seen = new HashSet<>();
        Deque<InetAddress> todo = new ArrayDeque<>();
        todo.add(from);
        while (!todo.isEmpty()) {
            InetAddress a = todo.poll();
            if (!seen.add(a)) {
                continue;
            }
            for (InetAddress b : adjacency.getOrDefault(a, Set.of())) {
                if (b.equals(to)) {
                    return true;
                }
                todo.add(b);
            }
        }
        return false;
    }

    private static List<Edge> finish(Map<EdgeKey, EdgeAcc> m) {
        Map<InetAddress, Set<FlowId>> leaving = new LinkedHashMap<>();
        for (Map.Entry<EdgeKey, EdgeAcc> e : m.entrySet()) {
            leaving.computeIfAbsent(e.getKey().from, k -> new LinkedHashSet<>()).addAll(e.getValue().flows);
        }
        List<Edge> r = new ArrayList<>();
        for (Map.Entry<EdgeKey, EdgeAcc> e : m.entrySet()) {
            int total = leaving.get(e.getKey().from).size();
            double share = total == 0 ? 0 : (double) e.getValue().flows.size() / total;
            r.add(new Edge(e.getKey().from, e.getKey().to, e.getValue().ttls, e.getValue().flows, e.getKey().gap,
                    share));
        }
        return r;
    }
}
