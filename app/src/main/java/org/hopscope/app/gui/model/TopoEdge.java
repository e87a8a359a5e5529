package org.hopscope.app.gui.model;

/**
 * A link between nodes of consecutive hops.
 *
 * @param flows flows seen crossing it
 * @param share flows / all flows of the trace, for the line width
 * @param inferred not measured: drawn through a silent hop or to a node whose predecessor is unknown
 */
public record TopoEdge(int from, int to, int flows, double share, boolean inferred) {
}
