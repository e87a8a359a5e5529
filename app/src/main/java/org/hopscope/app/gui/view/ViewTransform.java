package org.hopscope.app.gui.view;

/** Pan and zoom of a canvas: screen = layout * scale + offset. */
public record ViewTransform(double scale, double tx, double ty) {
    public static final ViewTransform IDENTITY = new ViewTransform(1, 0, 0);

    public double sx(double x) {
        return x * scale + tx;
    }

    public double sy(double y) {
        return y * scale + ty;
    }

    /** The transform that shows a width × height layout inside a w × h area with margins. */
    public static ViewTransform fit(double layoutW, double layoutH, double w, double h, double marginX,
            double marginTop, double marginBottom) {
        double availW = Math.max(1, w - 2 * marginX);
        double availH = Math.max(1, h - marginTop - marginBottom);
        double s = Math.min(1.4, Math.min(availW / Math.max(1, layoutW), availH / Math.max(1, layoutH)));
        if (layoutW <= 0 && layoutH <= 0) {
            s = 1;
        }
        double tx = marginX + (availW - layoutW * s) / 2;
        double ty = marginTop + (availH - layoutH * s) / 2;
        return new ViewTransform(s, tx, ty);
    }

    public ViewTransform zoomAt(double factor, double px, double py) {
        double ns = Math.max(0.02, Math.min(8, scale * factor));
        double f = ns / scale;
        return new ViewTransform(ns, px - (px - tx) * f, py - (py - ty) * f);
    }

    public ViewTransform pan(double dx, double dy) {
        return new ViewTransform(scale, tx + dx, ty + dy);
    }
}
