package org.hopscope.app.gui.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Sugiyama-style layout: one column per hop, nodes ordered within a column by barycenter sweeps
 * (down then up, a few times) to reduce edge crossings. Pure and allocation-light so it runs off the
 * FX thread on every update, for thousands of nodes.
 */
public final class LayeredLayout {
    public static final double COLUMN = 130;
    public static final double ROW = 70;
    private static final int SWEEPS = 4;

    private LayeredLayout() {
    }

    public static GraphLayout layout(TopologyGraph g) {
        int n = g.nodes().size();
        if (n == 0) {
            return GraphLayout.EMPTY;
        }
        TreeMap<Integer, List<Integer>> byTtl = new TreeMap<>();
        for (TopoNode node : g.nodes()) {
            byTtl.computeIfAbsent(node.ttl(), t -> new ArrayList<>()).add(node.id());
        }
        List<List<Integer>> layers = new ArrayList<>(byTtl.values());
        int[] layerOf = new int[n];
        for (int l = 0; l < layers.size(); l++) {
            for (int id : layers.get(l)) {
                layerOf[id] = l;
            }
        }
        // adjacency as arrays: predecessors and successors of each node
        int[][] pred = adjacency(g, n, true);
        int[][] succ = adjacency(g, n, false);
        double[] pos = new double[n];
        assignAll(layers, pos);
        for (int it = 0; it < SWEEPS; it++) {
            for (int l = 1; l < layers.size(); l++) {
                order(layers.get(l), pred, pos);
                assign(layers.get(l), pos);
            }
            for (int l = layers.size() - 2; l >= 0; l--) {
                order(layers.get(l), succ, pos);
                assign(layers.get(l), pos);
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int maxRows = 1;
        for (List<Integer> layer : layers) {
            maxRows = Math.max(maxRows, layer.size());
        }
        for (int l = 0; l < layers.size(); l++) {
            List<Integer> layer = layers.get(l);
            double offset = (maxRows - layer.size()) * ROW / 2.0; // centre short columns
            for (int i = 0; i < layer.size(); i++) {
                int id = layer.get(i);
                x[id] = l * COLUMN;
                y[id] = offset + i * ROW;
            }
        }
        return new GraphLayout(x, y, (layers.size() - 1) * COLUMN, (maxRows - 1) * ROW, countCrossings(g, x, y));
    }

    private static int[][] adjacency(TopologyGraph g, int n, boolean predecessors) {
        int[] count = new int[n];
        for (TopoEdge e : g.edges()) {
            count[predecessors ? e.to() : e.from()]++;
        }
        int[][] adj = new int[n][];
        for (int i = 0; i < n; i++) {
            adj[i] = new int[count[i]];
        }
        int[] fill = new int[n];
        for (TopoEdge e : g.edges()) {
            int at = predecessors ? e.to() : e.from();
            adj[at][fill[at]++] = predecessors ? e.from() : e.to();
        }
        return adj;
    }

    private static void assignAll(List<List<Integer>> layers, double[] pos) {
        for (List<Integer> layer : layers) {
            assign(layer, pos);
        }
    }

    private static void assign(List<Integer> layer, double[] pos) {
        for (int i = 0; i < layer.size(); i++) {
            pos[layer.get(i)] = i;
        }
    }

    /** Sorts a layer by the mean position of each node's neighbours; nodes without any keep their place. */
    private static void order(List<Integer> layer, int[][] neighbours, double[] pos) {
        double[] bary = new double[layer.size()];
        Integer[] idx = new Integer[layer.size()];
        for (int i = 0; i < layer.size(); i++) {
            int[] nb = neighbours[layer.get(i)];
            double sum = 0;
            for (int v : nb) {
                sum += pos[v];
            }
            bary[i] = nb.length == 0 ? i : sum / nb.length;
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, Comparator.comparingDouble(i -> bary[i]));
        List<Integer> sorted = new ArrayList<>(layer.size());
        for (Integer i : idx) {
            sorted.add(layer.get(i));
        }
        for (int i = 0; i < sorted.size(); i++) {
            layer.set(i, sorted.get(i));
        }
    }

    /** Crossings between edges spanning the same pair of columns (for tests and the benchmark). */
    static int countCrossings(TopologyGraph g, double[] x, double[] y) {
        TreeMap<Double, List<TopoEdge>> byColumn = new TreeMap<>();
        for (TopoEdge e : g.edges()) {
            byColumn.computeIfAbsent(x[e.from()], k -> new ArrayList<>()).add(e);
        }
        int crossings = 0;
        for (List<TopoEdge> es : byColumn.values()) {
            if (es.size() > 400) {
                continue; // too dense to count cheaply; the number is informative only
            }
            for (int i = 0; i < es.size(); i++) {
                for (int j = i + 1; j < es.size(); j++) {
                    TopoEdge a = es.get(i);
                    TopoEdge b = es.get(j);
                    double d1 = y[a.from()] - y[b.from()];
                    double d2 = y[a.to()] - y[b.to()];
                    if (d1 * d2 < 0) {
                        crossings++;
                    }
                }
            }
        }
        return crossings;
    }
}
