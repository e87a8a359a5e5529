package org.hopscope.app.gui.model;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The multipath DAG of a trace, left (us) to right (destination). Immutable. */
public record TopologyGraph(List<TopoNode> nodes, List<TopoEdge> edges, int totalFlows) {
    public static final TopologyGraph EMPTY = new TopologyGraph(List.of(), List.of(), 1);

    public TopologyGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public Set<String> nodeKeys() {
        return nodes.stream().map(TopoNode::key).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    public Set<String> edgeKeys() {
        return edges.stream().map(e -> nodes.get(e.from()).key() + " -> " + nodes.get(e.to()).key())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
