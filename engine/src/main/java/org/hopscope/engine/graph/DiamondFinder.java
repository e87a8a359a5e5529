package org.hopscope.engine.graph;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds diamonds: for every interface with two or more next hops, the subgraph up to its immediate
 * post-dominator, the first interface every path from it crosses (computed on the interface graph,
 * so branches of unequal length that meet at one interface at different TTLs still close one
 * diamond).
 */
final class DiamondFinder {
    private DiamondFinder() {
    }

    static List<Diamond> find(InetAddress source, List<Vertex> vertices, List<Edge> edges, List<Balancer> balancers) {
        Map<InetAddress, Integer> index = new LinkedHashMap<>();
        for (Vertex v : vertices) {
            index.put(v.address(), index.size());
        }
        int n = index.size();
        int exit = n;
        List<Set<Integer>> succ = new ArrayList<>();
        List<Map<Integer, Integer>> gap = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            succ.add(new LinkedHashSet<>());
            gap.add(new HashMap<>());
        }
        for (Edge e : edges) {
            Integer a = index.get(e.from());
            Integer b = index.get(e.to());
            if (a == null || b == null || a.equals(b)) {
                continue;
            }
            succ.get(a).add(b);
            gap.get(a).merge(b, e.gap(), Math::min);
        }
        for (int i = 0; i < n; i++) {
            if (succ.get(i).isEmpty()) {
                succ.get(i).add(exit);
                gap.get(i).put(exit, 0);
            }
        }
        BitSet[] pdom = postDominators(succ, n + 1, exit);
        List<Diamond> r = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            Set<Integer> out = new LinkedHashSet<>(succ.get(d));
            out.remove(exit);
            // A link across silent or rate-limited hops to a node another next hop leads to anyway is
            // the same path seen with holes, not a second branch.
            out.removeIf(b -> reachableFromOther(b, out, succ, exit));
            if (out.size() < 2) {
                continue;
            }
            int c = immediatePostDominator(pdom, d);
            r.add(diamond(d, c == exit ? -1 : c, vertices, succ, gap, edges, balancers, exit));
        }
        r.sort(Comparator.comparingInt(Diamond::divergenceTtl).thenComparing(x -> -x.interfaces().size()));
        return r;
    }

    private static boolean reachableFromOther(int target, Set<Integer> heads, List<Set<Integer>> succ, int exit) {
        for (int h : heads) {
            if (h == target) {
                continue;
            }
            BitSet seen = new BitSet();
            java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(List.of(h));
            while (!todo.isEmpty()) {
                int v = todo.pop();
                if (v == target) {
                    return true;
                }
                if (v == exit || seen.get(v)) {
                    continue;
                }
                seen.set(v);
                todo.addAll(succ.get(v));
            }
        }
        return false;
    }

    /** Iterative data-flow: pdom(x) = {x} ∪ ⋂ pdom(successors). Works on any graph with an exit. */
    private static BitSet[] postDominators(List<Set<Integer>> succ, int size, int exit) {
        BitSet[] pdom = new BitSet[size];
        for (int i = 0; i < size; i++) {
            pdom[i] = new BitSet(size);
            if (i == exit) {
                pdom[i].set(exit);
            } else {
                pdom[i].set(0, size);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = size - 1; i >= 0; i--) {
                if (i == exit) {
                    continue;
                }
                BitSet x = new BitSet(size);
                x.set(0, size);
                for (int s : succ.get(i)) {
                    x.and(pdom[s]);
                }
                x.set(i);
                if (!x.equals(pdom[i])) {
                    pdom[i] = x;
                    changed = true;
                }
            }
        }
        return pdom;
    }

    /** The strict post-dominator of {@code d} closest to it: the one with the most post-dominators itself. */
    private static int immediatePostDominator(BitSet[] pdom, int d) {
        int best = -1;
        int bestCount = -1;
        for (int p = pdom[d].nextSetBit(0); p >= 0; p = pdom[d].nextSetBit(p + 1)) {
            if (p != d && pdom[p].cardinality() > bestCount) {
                best = p;
                bestCount = pdom[p].cardinality();
            }
        }
        return best;
    }

    private static Diamond diamond(int d, int c, List<Vertex> vertices, List<Set<Integer>> succ,
            List<Map<Integer, Integer>> gap, List<Edge> edges, List<Balancer> balancers, int exit) {
        Set<Integer> members = new LinkedHashSet<>();
        List<Integer> todo = new ArrayList<>(succ.get(d));
        while (!todo.isEmpty()) {
            int v = todo.remove(todo.size() - 1);
            if (v == exit || v == c || v == d || !members.add(v)) {
                continue;
            }
            todo.addAll(succ.get(v));
        }
        Vertex dv = vertices.get(d);
        int minLen = -1;
        int maxLen = -1;
        if (c >= 0) {
            Map<Integer, int[]> memo = new HashMap<>();
            int[] len = lengths(d, c, succ, gap, memo, new BitSet());
            minLen = len[0];
            maxLen = len[1];
        }
        int dTtl = dv.firstTtl();
        int cTtl = -1;
        if (c >= 0) {
            for (int t : vertices.get(c).ttls()) {
                if (t > dTtl) {
                    cTtl = t;
                    break;
                }
            }
        }
        Map<Integer, Integer> width = new HashMap<>();
        List<InetAddress> addrs = new ArrayList<>();
        for (int m : members) {
            Vertex v = vertices.get(m);
            addrs.add(v.address());
            for (int t : v.ttls()) {
                if (t > dTtl) {
                    width.merge(t, 1, Integer::sum);
                }
            }
        }
        int maxWidth = width.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Set<InetAddress> inside = new LinkedHashSet<>(addrs);
        inside.add(dv.address());
        InetAddress conv = c >= 0 ? vertices.get(c).address() : null;
        boolean[] shape = shape(inside, conv, dv.address(), edges);
        Balancer.Kind kind = Balancer.Kind.UNKNOWN;
        for (Balancer b : balancers) {
            if (dv.address().equals(b.address()) && b.ttl() == dTtl) {
                kind = b.kind();
            }
        }
        return new Diamond(dv.address(), dTtl, conv, cTtl, addrs, maxWidth, minLen, maxLen, shape[0], shape[1], kind);
    }

    /** {min, max} hops from {@code v} to {@code c}; a cycle (anomalous data) is cut where it closes. */
    private static int[] lengths(int v, int c, List<Set<Integer>> succ, List<Map<Integer, Integer>> gap,
            Map<Integer, int[]> memo, BitSet onPath) {
        if (v == c) {
            return new int[] {0, 0};
        }
        int[] m = memo.get(v);
        if (m != null) {
            return m;
        }
        onPath.set(v);
        int min = Integer.MAX_VALUE;
        int max = -1;
        for (int s : succ.get(v)) {
            if (onPath.get(s)) {
                continue;
            }
            int[] l = s == c ? new int[] {0, 0} : lengths(s, c, succ, gap, memo, onPath);
            if (l[1] < 0) {
                continue;
            }
            int g = gap.get(v).getOrDefault(s, 1);
            min = Math.min(min, l[0] + g);
            max = Math.max(max, l[1] + g);
        }
        onPath.clear(v);
        int[] r = max < 0 ? new int[] {-1, -1} : new int[] {min, max};
        memo.put(v, r);
        return r;
    }

    /**
     * {meshed, uniform} over the TTL-by-TTL links inside: meshed if some TTL pair has both an
     * interface with two next hops and one with two predecessors; uniform if all interfaces of each
     * TTL have as many next hops inside.
     */
    private static boolean[] shape(Set<InetAddress> inside, InetAddress conv, InetAddress div, List<Edge> edges) {
        Map<Integer, Map<InetAddress, Set<InetAddress>>> out = new HashMap<>();
        Map<Integer, Map<InetAddress, Set<InetAddress>>> in = new HashMap<>();
        for (Edge e : edges) {
            if (!inside.contains(e.from()) || !(inside.contains(e.to()) || e.to().equals(conv))
                    || e.to().equals(div)) {
                continue;
            }
            for (int t : e.fromTtls()) {
                out.computeIfAbsent(t, k -> new HashMap<>()).computeIfAbsent(e.from(), k -> new LinkedHashSet<>())
                        .add(e.to());
                in.computeIfAbsent(t, k -> new HashMap<>()).computeIfAbsent(e.to(), k -> new LinkedHashSet<>())
                        .add(e.from());
            }
        }
        boolean meshed = false;
        boolean uniform = true;
        for (Map.Entry<Integer, Map<InetAddress, Set<InetAddress>>> e : out.entrySet()) {
            boolean fanOut = e.getValue().values().stream().anyMatch(s -> s.size() >= 2);
            boolean fanIn = in.getOrDefault(e.getKey(), Map.of()).values().stream().anyMatch(s -> s.size() >= 2);
            meshed |= fanOut && fanIn;
            long degrees = e.getValue().values().stream().mapToInt(Set::size).distinct().count();
            uniform &= degrees <= 1;
        }
        return new boolean[] {meshed, uniform};
    }
}
