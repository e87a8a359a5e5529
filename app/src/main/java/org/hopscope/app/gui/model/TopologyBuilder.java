package org.hopscope.app.gui.model;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.LinkSnapshot;
import org.hopscope.engine.trace.RttStats;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Builds the DAG from a snapshot: measured links between answering interfaces, plus inferred edges
 * through silent hops (nothing can be measured there, but traffic clearly passes) and into nodes whose
 * predecessor was not seen for the same flow.
 */
public final class TopologyBuilder {
    private TopologyBuilder() {
    }

    public static TopologyGraph build(TraceSnapshot s, HopAnomalies anomalies) {
        List<TopoNode> nodes = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<Integer, Set<FlowId>> flowsOf = new HashMap<>();
        List<List<Integer>> layers = new ArrayList<>();
        int firstTtl = s.hops().isEmpty() ? s.settings().firstTtl() : s.hops().get(0).ttl().value();

        TopoNode src = new TopoNode(0, firstTtl - 1, TopoNode.Kind.SOURCE, s.sourceAddress(), RttStats.EMPTY,
                EnumSet.noneOf(Badge.class), 0);
        nodes.add(src);
        index.put(src.key(), 0);
        layers.add(new ArrayList<>(List.of(0)));
        int totalFlows = 1;
        for (HopSnapshot h : s.hops()) {
            int ttl = h.ttl().value();
            List<Integer> layer = new ArrayList<>();
            Set<Integer> silentKeys = anomalies.paths().silentKeys(ttl);
            if (h.interfaces().isEmpty() || !silentKeys.isEmpty()) {
                TopoNode n = new TopoNode(nodes.size(), ttl, TopoNode.Kind.SILENT, null,
                        h.interfaces().isEmpty() ? h.stats() : RttStats.EMPTY, EnumSet.of(Badge.SILENT),
                        silentKeys.size());
                nodes.add(n);
                index.put(n.key(), n.id());
                layer.add(n.id());
            }
            Set<FlowId> hopFlows = new TreeSet<>();
            for (InterfaceSnapshot i : h.interfaces()) {
                TopoNode.Kind kind = i.isDestination() ? TopoNode.Kind.DESTINATION : TopoNode.Kind.ROUTER;
                TopoNode n = new TopoNode(nodes.size(), ttl, kind, i.address(), i.stats(),
                        anomalies.badges(ttl, i.address()), i.flows().size());
                nodes.add(n);
                index.put(n.key(), n.id());
                flowsOf.put(n.id(), i.flows());
                hopFlows.addAll(i.flows());
                layer.add(n.id());
            }
            totalFlows = Math.max(totalFlows, hopFlows.size());
            layers.add(layer);
        }

        Map<Long, int[]> edges = new LinkedHashMap<>(); // (from,to) -> {flows, inferred}
        flowEdges(s, anomalies.paths(), index, layers, nodes, edges);
        for (LinkSnapshot l : s.links()) {
            Integer a = index.get(l.fromTtl().value() + ":" + l.from().getHostAddress());
            Integer b = index.get((l.fromTtl().value() + 1) + ":" + l.to().getHostAddress());
            if (a != null && b != null) {
                edges.putIfAbsent(pair(a, b), new int[] {l.flows().size(), 0});
            }
        }
        Set<Integer> hasIn = new java.util.HashSet<>();
        for (long k : edges.keySet()) {
            hasIn.add((int) k);
        }
        // Every node needs a way in: from the source, through a silent hop, or inferred from the layer before.
        for (int li = 1; li < layers.size(); li++) {
            List<Integer> prev = layers.get(li - 1);
            for (int b : layers.get(li)) {
                if (hasIn.contains(b)) {
                    continue;
                }
                TopoNode nb = nodes.get(b);
                Set<FlowId> fb = flowsOf.getOrDefault(b, Set.of());
                List<Integer> from = new ArrayList<>();
                for (int a : prev) {
                    Set<FlowId> fa = flowsOf.get(a);
                    if (fa == null || fb.isEmpty() || fa.stream().anyMatch(fb::contains)) {
                        from.add(a);
                    }
                }
                if (from.isEmpty()) {
                    from.addAll(prev);
                }
                boolean measured = li == 1 && nb.kind() != TopoNode.Kind.SILENT; // first hop: we sent it there
                for (int a : from) {
                    int fl = Math.max(1, nb.flows() == 0 ? flowsCount(flowsOf, a) : nb.flows());
                    edges.putIfAbsent(pair(a, b), new int[] {fl, measured ? 0 : 1});
                }
            }
        }
        List<TopoEdge> edgeList = new ArrayList<>();
        for (Map.Entry<Long, int[]> e : edges.entrySet()) {
            int a = (int) (e.getKey() >>> 32);
            int b = (int) (long) e.getKey();
            int fl = e.getValue()[0];
            edgeList.add(new TopoEdge(a, b, fl, Math.min(1.0, (double) fl / totalFlows), e.getValue()[1] != 0));
        }
        return new TopologyGraph(nodes, edgeList, totalFlows);
    }

    /** Edges along each flow's own path, through silent nodes where that flow got no answer. */
    private static void flowEdges(TraceSnapshot s, FlowPaths paths, Map<String, Integer> index,
            List<List<Integer>> layers, List<TopoNode> nodes, Map<Long, int[]> edges) {
        if (paths.isEmpty() || layers.size() < 2) {
            return;
        }
        Map<Long, Set<Integer>> keysByEdge = new LinkedHashMap<>();
        for (int key : paths.keys()) {
            List<Integer> prev = List.of(0);
            for (int li = 1; li < layers.size(); li++) {
                int ttl = nodes.get(layers.get(li).get(0)).ttl();
                List<Integer> cur = new ArrayList<>();
                for (InetAddress a : paths.at(key, ttl)) {
                    Integer id = index.get(ttl + ":" + a.getHostAddress());
                    if (id != null) {
                        cur.add(id);
                    }
                }
                if (cur.isEmpty() && paths.silentAt(key, ttl)) {
                    Integer id = index.get(ttl + ":*");
                    if (id != null) {
                        cur.add(id);
                    }
                }
                if (cur.isEmpty()) {
                    prev = List.of(); // the flow's path is unknown here: no edge is invented for it
                    continue;
                }
                for (int a : prev) {
                    for (int b : cur) {
                        keysByEdge.computeIfAbsent(pair(a, b), k -> new TreeSet<>()).add(key);
                    }
                }
                prev = cur;
            }
        }
        for (var e : keysByEdge.entrySet()) {
            int to = (int) (long) e.getKey();
            boolean throughSilence = nodes.get(to).kind() == TopoNode.Kind.SILENT
                    || nodes.get((int) (e.getKey() >>> 32)).kind() == TopoNode.Kind.SILENT;
            edges.put(e.getKey(), new int[] {e.getValue().size(), throughSilence ? 1 : 0});
        }
    }

    private static int flowsCount(Map<Integer, Set<FlowId>> flowsOf, int node) {
        Set<FlowId> f = flowsOf.get(node);
        return f == null ? 1 : f.size();
    }

    private static long pair(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    /** Node of an address at a hop, for selection sync with the table. */
    public static int find(TopologyGraph g, int ttl, InetAddress a) {
        for (TopoNode n : g.nodes()) {
            if (n.ttl() == ttl && (a == null ? n.address() == null || n.kind() != TopoNode.Kind.SOURCE
                    : a.equals(n.address()))) {
                return n.id();
            }
        }
        return -1;
    }
}
