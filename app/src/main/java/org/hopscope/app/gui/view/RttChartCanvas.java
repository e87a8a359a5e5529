package org.hopscope.app.gui.view;

import javafx.scene.canvas.Canvas;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import org.hopscope.app.gui.model.ChartModel;
import org.hopscope.app.gui.model.FocusWindow;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.app.gui.viewmodel.MainViewModel;

/**
 * RTT chart. Hovering shows the values under the pointer; clicking a hop selects it. In continuous
 * mode dragging across the timeline sets the focus window (the table is recomputed for that period),
 * and a double-click clears it.
 */
public final class RttChartCanvas extends Region {
    private final Canvas canvas = new Canvas();
    private final MainViewModel vm;
    private ChartModel model = ChartModel.EMPTY;
    private Palette palette = Palette.LIGHT;
    private int hover = -1;
    private double dragStart = Double.NaN;
    private double dragNow = Double.NaN;

    public RttChartCanvas(MainViewModel vm) {
        this.vm = vm;
        setId("rtt-chart");
        getChildren().add(canvas);
        setMinSize(120, 80);
        palette = vm.darkTheme.get() ? Palette.DARK : Palette.LIGHT;
        vm.darkTheme.addListener((o, a, d) -> {
            palette = d ? Palette.DARK : Palette.LIGHT;
            redraw();
        });
        vm.presentationProperty().addListener((o, a, p) -> show(p));
        vm.focus.addListener((o, a, b) -> redraw());
        vm.thresholds.addListener((o, a, b) -> redraw());
        setOnMouseMoved(e -> {
            int i = indexAt(e.getX());
            if (i != hover) {
                hover = i;
                redraw();
            }
        });
        setOnMouseExited(e -> {
            hover = -1;
            redraw();
        });
        setOnMousePressed(e -> {
            if (model.mode() == ChartModel.Mode.TIMELINE && e.getButton() == MouseButton.PRIMARY) {
                dragStart = e.getX();
                dragNow = e.getX();
            }
        });
        setOnMouseDragged(e -> {
            if (!Double.isNaN(dragStart)) {
                dragNow = e.getX();
                redraw();
            }
        });
        setOnMouseReleased(e -> {
            if (!Double.isNaN(dragStart) && Math.abs(dragNow - dragStart) > 4) {
                double a = ChartPainter.screenToX(model, Math.min(dragStart, dragNow), getWidth());
                double b = ChartPainter.screenToX(model, Math.max(dragStart, dragNow), getWidth());
                long o = model.originMicros();
                vm.focus.set(new FocusWindow(o + (long) (Math.max(0, a) * 1e6), o + (long) (b * 1e6)));
            }
            dragStart = Double.NaN;
            redraw();
        });
        setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && model.mode() == ChartModel.Mode.TIMELINE) {
                vm.focus.set(null);
            } else if (e.getClickCount() == 1 && model.mode() == ChartModel.Mode.PER_HOP && hover >= 0) {
                int ttl = (int) Math.round(model.series().get(0).points().get(hover).x());
                vm.select(ttl, null);
            }
        });
    }

    private void show(TracePresentation p) {
        model = p == null ? ChartModel.EMPTY : p.chart();
        redraw();
    }

    private int indexAt(double sx) {
        if (model.series().isEmpty() || sx < ChartPainter.LEFT) {
            return -1;
        }
        var pts = model.series().get(0).points();
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (int i = 0; i < pts.size(); i++) {
            double d = Math.abs(ChartPainter.xToScreen(model, pts.get(i).x(), getWidth()) - sx);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    public void redraw() {
        var g = canvas.getGraphicsContext2D();
        ChartPainter.paint(g, canvas.getWidth(), canvas.getHeight(), model,
                new ChartPainter.Style(palette, vm.thresholds.get(), vm.focus.get(), hover));
        if (!Double.isNaN(dragStart)) {
            g.setFill(palette.focus());
            g.fillRect(Math.min(dragStart, dragNow), ChartPainter.TOP, Math.abs(dragNow - dragStart),
                    canvas.getHeight() - ChartPainter.TOP - ChartPainter.BOTTOM);
        }
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            redraw();
        }
    }

    public ChartModel model() {
        return model;
    }
}
