package org.hopscope.app.gui.view;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.hopscope.app.gui.model.ChartModel;
import org.hopscope.app.gui.model.ChartModels;
import org.hopscope.app.gui.model.FocusWindow;
import org.hopscope.app.gui.model.Format;
import org.hopscope.app.gui.model.LatencyThresholds;

/**
 * Draws the RTT chart. Per hop: a grey min–max bar with the average as a dot coloured by the latency
 * thresholds, and loss as a red bar from the bottom (PingPlotter's trace graph). Timeline: one line
 * per hop, losses as red ticks, the focus window shaded. Shared by the live chart and PNG export.
 */
public final class ChartPainter {
    public static final double LEFT = 46;
    public static final double RIGHT = 14;
    public static final double TOP = 26;
    public static final double BOTTOM = 26;
    private static final Font FONT = Font.font("System", 11);
    private static final Color[] SERIES = {Color.web("#0969da"), Color.web("#bf3989"), Color.web("#1a7f37"),
        Color.web("#9a6700"), Color.web("#8250df")};

    private ChartPainter() {
    }

    public record Style(Palette palette, LatencyThresholds thresholds, FocusWindow focus, int hoverIndex) {
    }

    public static double xToScreen(ChartModel m, double x, double w) {
        double span = Math.max(1e-9, m.xMax() - m.xMin());
        return LEFT + (x - m.xMin()) / span * (w - LEFT - RIGHT);
    }

    public static double screenToX(ChartModel m, double sx, double w) {
        double span = Math.max(1e-9, m.xMax() - m.xMin());
        return m.xMin() + (sx - LEFT) / Math.max(1, w - LEFT - RIGHT) * span;
    }

    static double yToScreen(ChartModel m, double y, double h) {
        return h - BOTTOM - y / Math.max(1e-9, m.yMax()) * (h - TOP - BOTTOM);
    }

    public static void paint(GraphicsContext g, double w, double h, ChartModel m, Style st) {
        Palette p = st.palette();
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        g.setFont(FONT);
        if (m.series().isEmpty()) {
            g.setFill(p.muted());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("Round-trip times per hop will appear here.", w / 2, h / 2);
            return;
        }
        axes(g, w, h, m, p);
        if (m.mode() == ChartModel.Mode.PER_HOP) {
            perHop(g, w, h, m, st);
        } else {
            timeline(g, w, h, m, st);
        }
    }

    private static void axes(GraphicsContext g, double w, double h, ChartModel m, Palette p) {
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setLineWidth(1);
        for (int i = 0; i <= 4; i++) {
            double v = m.yMax() * i / 4;
            double y = yToScreen(m, v, h);
            g.setStroke(p.grid());
            g.strokeLine(LEFT, y, w - RIGHT, y);
            g.setFill(p.muted());
            g.fillText(Format.ms(v), LEFT - 6, y);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("ms", 6, 6);
    }

    private static void perHop(GraphicsContext g, double w, double h, ChartModel m, Style st) {
        Palette p = st.palette();
        List<ChartModel.Point> min = m.series(ChartModels.MIN).points();
        List<ChartModel.Point> avg = m.series(ChartModels.AVG).points();
        List<ChartModel.Point> max = m.series(ChartModels.MAX).points();
        double slot = (w - LEFT - RIGHT) / Math.max(1, m.xMax() - m.xMin());
        double bar = Math.max(3, Math.min(18, slot * 0.5));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < avg.size(); i++) {
            double x = xToScreen(m, avg.get(i).x(), w);
            double loss = avg.get(i).lossPercent();
            if (i == st.hoverIndex()) {
                g.setFill(p.focus());
                g.fillRect(x - slot / 2, TOP, slot, h - TOP - BOTTOM);
            }
            if (!Double.isNaN(loss) && loss > 0) {
                // loss scale: full height = 100 %, drawn translucent behind the latency bars
                double lh = (h - TOP - BOTTOM) * loss / 100;
                g.setFill(p.loss().deriveColor(0, 1, 1, 0.35));
                g.fillRect(x - bar / 2, h - BOTTOM - lh, bar, lh);
            }
            double lo = min.get(i).y();
            double hi = max.get(i).y();
            if (!Double.isNaN(lo)) {
                g.setStroke(p.muted());
                g.setLineWidth(2);
                g.strokeLine(x, yToScreen(m, lo, h), x, yToScreen(m, hi, h));
                g.strokeLine(x - 4, yToScreen(m, lo, h), x + 4, yToScreen(m, lo, h));
                g.strokeLine(x - 4, yToScreen(m, hi, h), x + 4, yToScreen(m, hi, h));
                double a = avg.get(i).y();
                g.setFill(p.latency(st.thresholds().level(a)));
                double ay = yToScreen(m, a, h);
                g.fillOval(x - 5, ay - 5, 10, 10);
            } else {
                g.setFill(p.silent());
                g.fillText("*", x, h - BOTTOM - 14);
            }
            if (slot >= 14 || i % 5 == 0) {
                g.setFill(p.muted());
                g.fillText(Long.toString(Math.round(avg.get(i).x())), x, h - BOTTOM + 6);
            }
        }
        legend(g, w, new String[] {"avg", "min–max", "loss"},
                new Color[] {p.good(), p.muted(), p.loss().deriveColor(0, 1, 1, 0.5)}, p);
        if (st.hoverIndex() >= 0 && st.hoverIndex() < avg.size()) {
            int i = st.hoverIndex();
            String text = "hop " + Math.round(avg.get(i).x()) + "   min " + Format.ms(min.get(i).y()) + "  avg "
                    + Format.ms(avg.get(i).y()) + "  max " + Format.ms(max.get(i).y()) + " ms   loss "
                    + Format.percent(avg.get(i).lossPercent());
            hoverBox(g, w, text, p);
        }
    }

    private static void timeline(GraphicsContext g, double w, double h, ChartModel m, Style st) {
        Palette p = st.palette();
        if (st.focus() != null) {
            double x1 = xToScreen(m, (st.focus().fromMicros() - m.originMicros()) / 1e6, w);
            double x2 = xToScreen(m, (st.focus().toMicros() - m.originMicros()) / 1e6, w);
            g.setFill(p.focus());
            g.fillRect(Math.max(LEFT, x1), TOP, Math.max(1, Math.min(w - RIGHT, x2) - Math.max(LEFT, x1)),
                    h - TOP - BOTTOM);
        }
        String[] names = new String[m.series().size()];
        Color[] colors = new Color[m.series().size()];
        for (int si = 0; si < m.series().size(); si++) {
            ChartModel.Series s = m.series().get(si);
            Color c = SERIES[si % SERIES.length];
            names[si] = s.name();
            colors[si] = c;
            g.setStroke(c);
            g.setLineWidth(1.6);
            boolean pen = false;
            g.beginPath();
            for (ChartModel.Point pt : s.points()) {
                double x = xToScreen(m, pt.x(), w);
                if (Double.isNaN(pt.y())) {
                    pen = false;
                } else {
                    double y = yToScreen(m, Math.min(pt.y(), m.yMax()), h);
                    if (pen) {
                        g.lineTo(x, y);
                    } else {
                        g.moveTo(x, y);
                        pen = true;
                    }
                }
                if (!Double.isNaN(pt.lossPercent()) && pt.lossPercent() > 0) {
                    g.setFill(p.loss());
                    double lh = 4 + 10 * pt.lossPercent() / 100;
                    g.fillRect(x - 1, h - BOTTOM - lh - 2 * si, 2, lh);
                }
            }
            g.stroke();
        }
        // time axis: seconds (or minutes) since the first round
        g.setFill(p.muted());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i <= 5; i++) {
            double xv = m.xMin() + (m.xMax() - m.xMin()) * i / 5;
            // the last label ends at the edge instead of being cut in half by it
            g.setTextAlign(i == 5 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            g.fillText(Format.clock(m.originMicros() + (long) (xv * 1e6)), i == 5 ? w - 4 : xToScreen(m, xv, w),
                    h - BOTTOM + 6);
        }
        g.setTextAlign(TextAlignment.CENTER);
        legend(g, w, names, colors, p);
        if (st.hoverIndex() >= 0 && !m.series().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (ChartModel.Series s : m.series()) {
                if (st.hoverIndex() < s.points().size()) {
                    ChartModel.Point pt = s.points().get(st.hoverIndex());
                    if (sb.length() == 0) {
                        sb.append(Format.clock(m.originMicros() + (long) (pt.x() * 1e6))).append("  ");
                    }
                    sb.append(s.name()).append(": ").append(Double.isNaN(pt.y()) ? "lost" : Format.ms(pt.y()) + " ms")
                            .append(pt.lossPercent() > 0 ? " (loss " + Format.percent(pt.lossPercent()) + ")" : "")
                            .append("   ");
                }
            }
            hoverBox(g, w, sb.toString().trim(), p);
        }
    }

    private static void legend(GraphicsContext g, double w, String[] names, Color[] colors, Palette p) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double x = w - RIGHT;
        for (int i = names.length - 1; i >= 0; i--) {
            double tw = names[i].length() * 6.5 + 24;
            x -= tw;
            g.setFill(colors[i]);
            g.fillRect(x, 8, 12, 8);
            g.setFill(p.muted());
            g.fillText(names[i], x + 16, 12);
        }
    }

    private static void hoverBox(GraphicsContext g, double w, String text, Palette p) {
        double tw = text.length() * 6.3 + 16;
        double x = Math.max(LEFT, Math.min(w - RIGHT - tw, LEFT + 4));
        g.setFill(p.text().deriveColor(0, 1, 1, 0.88));
        g.fillRoundRect(x, TOP + 2, tw, 20, 6, 6);
        g.setFill(p.background());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, x + 8, TOP + 12);
    }
}
