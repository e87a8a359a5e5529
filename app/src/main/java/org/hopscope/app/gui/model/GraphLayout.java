package org.hopscope.app.gui.model;

/**
 * Node positions in layout units (before pan and zoom), indexed by node id.
 *
 * @param crossings edge crossings left after ordering (informative)
 */
public record GraphLayout(double[] x, double[] y, double width, double height, int crossings) {
    public static final GraphLayout EMPTY = new GraphLayout(new double[0], new double[0], 0, 0, 0);
}
