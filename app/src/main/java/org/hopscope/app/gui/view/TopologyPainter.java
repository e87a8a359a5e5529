package org.hopscope.app.gui.view;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.hopscope.app.gui.model.AddressLabeler;
import org.hopscope.app.gui.model.Badge;
import org.hopscope.app.gui.model.Format;
import org.hopscope.app.gui.model.GraphLayout;
import org.hopscope.app.gui.model.LatencyThresholds;
import org.hopscope.app.gui.model.TopoEdge;
import org.hopscope.app.gui.model.TopoNode;
import org.hopscope.app.gui.model.TopologyGraph;

/**
 * Draws the topology on a canvas: immediate mode, one pass over edges then nodes, skipping what is
 * off screen and dropping labels when zoomed out, so thousands of nodes stay cheap. Shared by the
 * live canvas and the PNG export.
 */
public final class TopologyPainter {
    static final double RADIUS = 11;
    private static final Font LABEL = Font.font("System", 11);
    private static final Font SMALL = Font.font("System", FontWeight.BOLD, 9);
    private static final Font HEADER = Font.font("System", FontWeight.BOLD, 11);

    private TopologyPainter() {
    }

    public record Style(Palette palette, LatencyThresholds thresholds, AddressLabeler labels, int hover, int selected,
            boolean legend) {
    }

    public static void paint(GraphicsContext g, double w, double h, TopologyGraph graph, GraphLayout layout,
            ViewTransform t, Style st) {
        Palette p = st.palette();
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        if (graph.nodes().isEmpty() || layout.x().length != graph.nodes().size()) {
            g.setFill(p.muted());
            g.setFont(LABEL);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("The paths to the destination will appear here.", w / 2, h / 2);
            return;
        }
        double r = Math.max(2.5, Math.min(RADIUS * 1.3, RADIUS * t.scale()));
        boolean detailed = t.scale() >= 0.42;
        double[] x = layout.x();
        double[] y = layout.y();

        // hop numbers along the top, one per column
        g.setFont(HEADER);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.setFill(p.muted());
        int lastTtl = Integer.MIN_VALUE;
        for (TopoNode n : graph.nodes()) {
            if (n.ttl() != lastTtl) {
                lastTtl = n.ttl();
                double sx = t.sx(x[n.id()]);
                if (sx > -40 && sx < w + 40 && (detailed || n.ttl() % 5 == 0)) {
                    g.fillText(n.kind() == TopoNode.Kind.SOURCE ? "you" : "hop " + n.ttl(), sx, 6);
                }
            }
        }

        if (!detailed) {
            overview(g, w, h, graph, x, y, t, r, st);
            if (st.legend()) {
                legend(g, w, h, st);
            }
            return;
        }

        // edges
        g.setLineCap(StrokeLineCap.ROUND);
        for (TopoEdge e : graph.edges()) {
            double x1 = t.sx(x[e.from()]);
            double y1 = t.sy(y[e.from()]);
            double x2 = t.sx(x[e.to()]);
            double y2 = t.sy(y[e.to()]);
            if ((x1 < 0 && x2 < 0) || (x1 > w && x2 > w) || (y1 < 0 && y2 < 0) || (y1 > h && y2 > h)) {
                continue;
            }
            boolean sel = e.from() == st.selected() || e.to() == st.selected();
            g.setStroke(sel ? p.selection() : p.edge());
            g.setLineWidth(Math.max(0.6, (1 + 5 * e.share()) * Math.min(1, t.scale())));
            g.setLineDashes(e.inferred() ? new double[] {5, 4} : null);
            if (detailed && graph.edges().size() < 3000) {
                double mx = (x1 + x2) / 2;
                g.beginPath();
                g.moveTo(x1, y1);
                g.bezierCurveTo(mx, y1, mx, y2, x2, y2);
                g.stroke();
            } else {
                g.strokeLine(x1, y1, x2, y2);
            }
        }
        g.setLineDashes(null);

        // nodes
        g.setTextBaseline(VPos.CENTER);
        for (TopoNode n : graph.nodes()) {
            double sx = t.sx(x[n.id()]);
            double sy = t.sy(y[n.id()]);
            if (sx < -r - 80 || sx > w + r + 80 || sy < -r - 20 || sy > h + r + 20) {
                continue;
            }
            g.setFill(fill(n, st));
            if (n.kind() == TopoNode.Kind.DESTINATION) {
                g.fillRoundRect(sx - r, sy - r, 2 * r, 2 * r, r, r);
            } else {
                g.fillOval(sx - r, sy - r, 2 * r, 2 * r);
            }
            if (n.id() == st.selected() || n.id() == st.hover()) {
                g.setStroke(p.selection());
                g.setLineWidth(n.id() == st.selected() ? 3 : 2);
                g.strokeOval(sx - r - 3, sy - r - 3, 2 * r + 6, 2 * r + 6);
            }
            if (!detailed) {
                continue;
            }
            g.setFont(SMALL);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFill(p.background());
            g.fillText(n.kind() == TopoNode.Kind.SILENT ? "*" : n.kind() == TopoNode.Kind.SOURCE ? "●"
                    : Integer.toString(n.ttl()), sx, sy);
            markers(g, n, sx, sy, r, p);
            g.setFont(LABEL);
            g.setFill(n.kind() == TopoNode.Kind.SILENT ? p.muted() : p.text());
            String label = elide(label(n, st.labels()), org.hopscope.app.gui.model.LayeredLayout.COLUMN * t.scale() - 6);
            g.fillText(label, sx, sy + r + 9);
            if (n.kind() != TopoNode.Kind.SOURCE && n.kind() != TopoNode.Kind.SILENT && !Double.isNaN(n.stats().avgMs())) {
                g.setFill(p.muted());
                g.fillText(Format.ms(n.stats().avgMs()) + " ms", sx, sy + r + 22);
            }
        }
        if (st.legend()) {
            legend(g, w, h, st);
        }
    }

    /**
     * The zoomed-out picture of a big graph: no labels, edges batched into one path per width class and
     * nodes into one path per colour, so a frame costs a handful of fills and strokes instead of
     * thousands (this is what keeps 2,000-node graphs smooth on a software renderer).
     */
    private static void overview(GraphicsContext g, double w, double h, TopologyGraph graph, double[] x, double[] y,
            ViewTransform t, double r, Style st) {
        Palette p = st.palette();
        double[] widthClass = {0.05, 0.2, Double.MAX_VALUE};
        g.setLineCap(StrokeLineCap.BUTT);
        g.setLineDashes(null);
        for (int c = 0; c < widthClass.length; c++) {
            g.beginPath();
            boolean any = false;
            for (TopoEdge e : graph.edges()) {
                double share = e.share();
                if (share >= widthClass[c] || (c > 0 && share < widthClass[c - 1])) {
                    continue;
                }
                double x1 = t.sx(x[e.from()]);
                double y1 = t.sy(y[e.from()]);
                double x2 = t.sx(x[e.to()]);
                double y2 = t.sy(y[e.to()]);
                if ((x1 < 0 && x2 < 0) || (x1 > w && x2 > w) || (y1 < 0 && y2 < 0) || (y1 > h && y2 > h)) {
                    continue;
                }
                g.moveTo(x1, y1);
                g.lineTo(x2, y2);
                any = true;
            }
            if (any) {
                g.setStroke(p.edge());
                g.setLineWidth(Math.max(0.6, (1 + 5 * Math.min(1, widthClass[c] == Double.MAX_VALUE ? 0.4
                        : widthClass[c])) * Math.min(1, t.scale())));
                g.stroke();
            }
        }
        java.util.Map<javafx.scene.paint.Color, java.util.List<TopoNode>> byColour = new java.util.LinkedHashMap<>();
        for (TopoNode n : graph.nodes()) {
            double sx = t.sx(x[n.id()]);
            double sy = t.sy(y[n.id()]);
            if (sx < -r || sx > w + r || sy < -r || sy > h + r) {
                continue;
            }
            byColour.computeIfAbsent(fill(n, st), k -> new java.util.ArrayList<>()).add(n);
        }
        for (var e : byColour.entrySet()) {
            g.setFill(e.getKey());
            g.beginPath();
            for (TopoNode n : e.getValue()) {
                g.rect(t.sx(x[n.id()]) - r, t.sy(y[n.id()]) - r, 2 * r, 2 * r);
            }
            g.fill();
        }
        for (int id : new int[] {st.hover(), st.selected()}) {
            if (id >= 0 && id < graph.nodes().size()) {
                g.setStroke(p.selection());
                g.setLineWidth(2);
                g.strokeOval(t.sx(x[id]) - r - 3, t.sy(y[id]) - r - 3, 2 * r + 6, 2 * r + 6);
            }
        }
    }

    /** Cuts a label to about {@code px} pixels so neighbouring columns stay readable. */
    static String elide(String s, double px) {
        int max = Math.max(4, (int) (px / 6.2));
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String label(TopoNode n, AddressLabeler labels) {
        return switch (n.kind()) {
            case SOURCE -> "you " + labels.sourceText(n.address());
            case SILENT -> "no reply";
            default -> labels.shortLabel(n.address(), n.ttl());
        };
    }

    private static javafx.scene.paint.Color fill(TopoNode n, Style st) {
        Palette p = st.palette();
        return switch (n.kind()) {
            case SOURCE -> p.source();
            case SILENT -> p.silent();
            default -> p.latency(st.thresholds().level(n.stats().avgMs()));
        };
    }

    /** Small letters at the node's upper right: N = NAT, M = MPLS, ! = TTL anomaly or loop. */
    private static void markers(GraphicsContext g, TopoNode n, double sx, double sy, double r, Palette p) {
        StringBuilder m = new StringBuilder();
        if (n.badges().contains(Badge.NAT)) {
            m.append('N');
        }
        if (n.badges().contains(Badge.MPLS)) {
            m.append('M');
        }
        if (n.badges().contains(Badge.TTL_ZERO) || n.badges().contains(Badge.QUOTED_TTL)
                || n.badges().contains(Badge.LOOP) || n.badges().contains(Badge.UNREACHABLE)) {
            m.append('!');
        }
        if (m.length() == 0) {
            return;
        }
        double bx = sx + r * 0.9;
        double by = sy - r * 0.9;
        double bw = 8 + 7 * m.length();
        g.setFill(p.text());
        g.fillRoundRect(bx - 4, by - 7, bw, 14, 7, 7);
        g.setFill(p.background());
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(m.toString(), bx, by);
        g.setTextAlign(TextAlignment.CENTER);
    }

    private static void legend(GraphicsContext g, double w, double h, Style st) {
        Palette p = st.palette();
        LatencyThresholds t = st.thresholds();
        String[] labels = {"< " + fmt(t.warningMs()) + " ms", "≥ " + fmt(t.warningMs()) + " ms",
                "≥ " + fmt(t.criticalMs()) + " ms", "no reply", "N NAT  M MPLS  ! anomaly"};
        javafx.scene.paint.Color[] colors = {p.good(), p.warning(), p.critical(), p.silent(), null};
        g.setFont(LABEL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double x = 10;
        double y = h - 14;
        for (int i = 0; i < labels.length; i++) {
            if (colors[i] != null) {
                g.setFill(colors[i]);
                g.fillOval(x, y - 5, 10, 10);
                x += 14;
            }
            g.setFill(p.muted());
            g.fillText(labels[i], x, y);
            x += labels[i].length() * 6.2 + 14;
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
