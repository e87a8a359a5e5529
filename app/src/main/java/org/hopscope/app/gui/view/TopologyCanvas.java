package org.hopscope.app.gui.view;

import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.hopscope.app.gui.model.Badge;
import org.hopscope.app.gui.model.Format;
import org.hopscope.app.gui.model.GraphLayout;
import org.hopscope.app.gui.model.TopoNode;
import org.hopscope.app.gui.model.TopologyBuilder;
import org.hopscope.app.gui.model.TopologyGraph;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.app.gui.viewmodel.MainViewModel;

/**
 * The multipath DAG on one Canvas (not one Node per element), so a thousand-node graph stays smooth.
 * Drag pans, the wheel zooms around the pointer, double-click fits, hover shows a node's numbers and
 * a click selects its hop in the table and details pane. Layout arrives precomputed, off the FX thread.
 */
public final class TopologyCanvas extends Region {
    private final Canvas canvas = new Canvas();
    private final MainViewModel vm;
    private final Tooltip tip = new Tooltip();
    private TopologyGraph graph = TopologyGraph.EMPTY;
    private GraphLayout layout = GraphLayout.EMPTY;
    private ViewTransform transform = ViewTransform.IDENTITY;
    private boolean userMoved;
    private int hover = -1;
    private int selected = -1;
    private double dragX;
    private double dragY;
    private boolean dragged;
    private Palette palette = Palette.LIGHT;
    private Runnable onDrillDown = () -> { };

    public TopologyCanvas(MainViewModel vm) {
        this.vm = vm;
        setId("topology");
        getStyleClass().add("topology");
        getChildren().add(canvas);
        setMinSize(120, 80);
        tip.setShowDelay(Duration.millis(150));
        tip.setHideDelay(Duration.ZERO);
        vm.presentationProperty().addListener((o, a, p) -> show(p));
        vm.selectedTtl.addListener((o, a, b) -> syncSelection());
        vm.selectedAddress.addListener((o, a, b) -> syncSelection());
        vm.thresholds.addListener((o, a, b) -> redraw());
        vm.darkTheme.addListener((o, a, d) -> {
            palette = d ? Palette.DARK : Palette.LIGHT;
            redraw();
        });
        palette = vm.darkTheme.get() ? Palette.DARK : Palette.LIGHT;

        setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
        });
        setOnMouseDragged(e -> {
            transform = transform.pan(e.getX() - dragX, e.getY() - dragY);
            dragX = e.getX();
            dragY = e.getY();
            dragged = true;
            userMoved = true;
            redraw();
        });
        setOnScroll(e -> {
            if (e.getDeltaY() == 0) {
                return;
            }
            transform = transform.zoomAt(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15, e.getX(), e.getY());
            userMoved = true;
            redraw();
        });
        setOnMouseMoved(e -> {
            int n = nodeAt(e.getX(), e.getY());
            if (n != hover) {
                hover = n;
                redraw();
                if (n >= 0) {
                    tip.setText(describe(graph.nodes().get(n)));
                    tip.show(this, e.getScreenX() + 14, e.getScreenY() + 14);
                } else {
                    tip.hide();
                }
            }
        });
        setOnMouseExited(e -> {
            hover = -1;
            tip.hide();
            redraw();
        });
        setOnMouseClicked(e -> {
            if (e.getButton() != MouseButton.PRIMARY || dragged) {
                return;
            }
            if (e.getClickCount() == 2) {
                fit();
                return;
            }
            int n = nodeAt(e.getX(), e.getY());
            if (n >= 0) {
                TopoNode node = graph.nodes().get(n);
                if (node.kind() != TopoNode.Kind.SOURCE) {
                    vm.select(node.ttl(), node.address());
                    onDrillDown.run();
                }
            }
        });
    }

    private void show(TracePresentation p) {
        boolean first = graph.nodes().isEmpty();
        graph = p == null ? TopologyGraph.EMPTY : p.graph();
        layout = p == null ? GraphLayout.EMPTY : p.layout();
        if (first || !userMoved) {
            fitSilently();
        }
        if (hover >= graph.nodes().size()) {
            hover = -1;
        }
        syncSelection();
    }

    private void syncSelection() {
        int ttl = vm.selectedTtl.get();
        selected = ttl < 0 ? -1 : TopologyBuilder.find(graph, ttl, vm.selectedAddress.get());
        redraw();
    }

    /** Shows the whole graph (also on double-click). */
    public void fit() {
        userMoved = false;
        fitSilently();
        redraw();
    }

    private void fitSilently() {
        transform = ViewTransform.fit(layout.width(), layout.height(), getWidth(), getHeight(), 60, 34, 58);
    }

    private int nodeAt(double px, double py) {
        double r = Math.max(6, TopologyPainter.RADIUS * transform.scale()) + 3;
        double best = r * r;
        int found = -1;
        double[] x = layout.x();
        double[] y = layout.y();
        for (int i = 0; i < x.length; i++) {
            double dx = transform.sx(x[i]) - px;
            double dy = transform.sy(y[i]) - py;
            double d = dx * dx + dy * dy;
            if (d <= best) {
                best = d;
                found = i;
            }
        }
        return found;
    }

    private String describe(TopoNode n) {
        var labels = vm.labeler();
        StringBuilder sb = new StringBuilder();
        switch (n.kind()) {
            case SOURCE -> sb.append("This computer (").append(labels.sourceText(n.address())).append(')');
            case SILENT -> sb.append("Hop ").append(n.ttl()).append(": no reply\n")
                    .append("Nothing answered here; traffic still passes through.");
            default -> {
                sb.append("Hop ").append(n.ttl()).append(": ").append(n.address().getHostAddress());
                String name = labels.name(n.address(), n.ttl());
                if (!name.isEmpty()) {
                    sb.append("\n").append(name);
                }
                var s = n.stats();
                sb.append("\nRTT avg ").append(Format.ms(s.avgMs())).append(" ms (best ").append(Format.ms(s.minMs()))
                        .append(", worst ").append(Format.ms(s.maxMs())).append(')');
                sb.append("\nReplies ").append(s.received()).append(", flows ").append(n.flows()).append(" of ")
                        .append(graph.totalFlows());
                for (Badge b : n.badges()) {
                    sb.append("\n• ").append(b.label()).append(": ").append(b.explanation());
                }
                sb.append("\nClick for probe details.");
            }
        }
        return sb.toString();
    }

    public void redraw() {
        TopologyPainter.paint(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), graph, layout,
                transform, new TopologyPainter.Style(palette, vm.thresholds.get(), vm.labeler(), hover, selected, true));
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            if (!userMoved) {
                fitSilently();
            }
            redraw();
        }
    }

    /** Called after a click selected a node, e.g. to bring the probe details forward. */
    public void setOnDrillDown(Runnable r) {
        onDrillDown = r;
    }

    /** The node under the mouse, or -1. */
    public int hovered() {
        return hover;
    }

    public TopologyGraph graph() {
        return graph;
    }

    public GraphLayout graphLayout() {
        return layout;
    }

    public ViewTransform transform() {
        return transform;
    }

    /** Screen position of a node, for tests that click it. */
    public javafx.geometry.Point2D nodePosition(int id) {
        return new javafx.geometry.Point2D(transform.sx(layout.x()[id]), transform.sy(layout.y()[id]));
    }
}
