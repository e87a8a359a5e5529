package org.hopscope.app.gui.export;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Transform;
import org.hopscope.app.gui.model.Verdict;
import org.hopscope.app.gui.view.ChartPainter;
import org.hopscope.app.gui.view.TopologyPainter;
import org.hopscope.app.gui.view.ViewTransform;

/**
 * PNG images of the table, chart, topology, or a one-page report, each headed by the report header.
 * Drawn on fresh canvases (never a screenshot of the window, which would miss scrolled-away rows and
 * ignore the privacy mask), at 2× for HiDPI-clean text. FX thread.
 */
public final class ImageExport {
    public enum Kind { TABLE, CHART, TOPOLOGY, REPORT }

    private static final double MARGIN = 20;
    private static final double LINE = 17;
    private static final Font TITLE = Font.font("System", FontWeight.BOLD, 16);
    private static final Font TEXT = Font.font("System", 12);
    private static final Font BOLD = Font.font("System", FontWeight.BOLD, 12);
    private static final double SCALE = 2;

    private ImageExport() {
    }

    public static WritableImage render(Kind kind, ExportContext c) {
        return switch (kind) {
            case TABLE -> table(c);
            case CHART -> chart(c);
            case TOPOLOGY -> topology(c);
            case REPORT -> report(c);
        };
    }

    static double headerHeight(ExportContext c) {
        return MARGIN + 22 + c.header().size() * LINE + 10;
    }

    static double drawHeader(GraphicsContext g, ExportContext c, double w) {
        g.setFill(c.palette().background());
        g.fillRect(0, 0, w, g.getCanvas().getHeight());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFont(TITLE);
        g.setFill(c.palette().text());
        g.fillText("Hopscope — " + c.snapshot().settings().target(), MARGIN, MARGIN);
        g.setFont(TEXT);
        g.setFill(c.palette().muted());
        double y = MARGIN + 24;
        for (String line : c.header()) {
            g.fillText(line, MARGIN, y);
            y += LINE;
        }
        return y + 8;
    }

    private static WritableImage table(ExportContext c) {
        List<org.hopscope.app.gui.model.HopRow> rows = c.rows();
        double w = Math.max(TablePainter.width() + 2 * MARGIN, 900);
        double h = headerHeight(c) + TablePainter.height(rows.size()) + MARGIN;
        Canvas canvas = new Canvas(w, h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        double y = drawHeader(g, c, w);
        TablePainter.paint(g, MARGIN, y, rows, c.palette(), c.thresholds());
        return snap(canvas);
    }

    private static WritableImage chart(ExportContext c) {
        double w = 1100;
        double ch = 420;
        double h = headerHeight(c) + ch + MARGIN;
        Canvas canvas = new Canvas(w, h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        double y = drawHeader(g, c, w);
        paintChart(g, c, MARGIN, y, w - 2 * MARGIN, ch);
        return snap(canvas);
    }

    private static WritableImage topology(ExportContext c) {
        var layout = c.presentation().layout();
        double w = Math.max(900, Math.min(5000, layout.width() * 0.9 + 220));
        double th = Math.max(360, Math.min(4000, layout.height() * 0.9 + 140));
        double h = headerHeight(c) + th + MARGIN;
        Canvas canvas = new Canvas(w, h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        double y = drawHeader(g, c, w);
        paintTopology(g, c, 0, y, w, th);
        return snap(canvas);
    }

    /** One A4-ish page (1240 × 1754 at 150 dpi): header, verdicts, table, topology, chart. */
    private static WritableImage report(ExportContext c) {
        double w = 1240;
        double h = 1754;
        Canvas canvas = new Canvas(w, h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        double y = drawHeader(g, c, w);
        g.setFont(BOLD);
        g.setFill(c.palette().text());
        g.fillText("Findings", MARGIN, y);
        y += LINE + 2;
        for (Verdict v : c.presentation().verdicts()) {
            if (y > 520) {
                break;
            }
            g.setFill(switch (v.severity()) {
                case OK -> c.palette().good();
                case INFO -> c.palette().avg();
                case WARNING -> c.palette().warning();
                case PROBLEM -> c.palette().critical();
            });
            g.fillOval(MARGIN, y + 3, 9, 9);
            g.setFont(BOLD);
            g.setFill(c.palette().text());
            g.fillText(v.title(), MARGIN + 16, y);
            y += LINE;
            g.setFont(TEXT);
            g.setFill(c.palette().muted());
            for (String line : wrap(v.explanation(), 175)) {
                g.fillText(line, MARGIN + 16, y);
                y += LINE - 2;
            }
            y += 4;
        }
        y += 6;
        List<org.hopscope.app.gui.model.HopRow> rows = c.rows();
        int maxRows = (int) ((h * 0.62 - y) / TablePainter.ROW) - 1;
        List<org.hopscope.app.gui.model.HopRow> shown = rows.size() > maxRows ? rows.subList(0, Math.max(1, maxRows))
                : rows;
        TablePainter.paint(g, MARGIN, y, shown, c.palette(), c.thresholds());
        y += TablePainter.height(shown.size());
        if (shown.size() < rows.size()) {
            g.setFont(TEXT);
            g.setFill(c.palette().muted());
            g.fillText("… " + (rows.size() - shown.size()) + " more rows in the CSV or text export", MARGIN, y);
            y += LINE;
        }
        double remaining = h - y - MARGIN;
        double topoH = remaining * 0.6;
        paintTopology(g, c, 0, y + 6, w, topoH);
        paintChart(g, c, MARGIN, y + 10 + topoH, w - 2 * MARGIN, remaining - topoH - 10);
        return snap(canvas);
    }

    private static void paintTopology(GraphicsContext g, ExportContext c, double x, double y, double w, double h) {
        var p = c.presentation();
        g.save();
        g.translate(x, y);
        g.beginPath();
        g.rect(0, 0, w, h);
        g.clip();
        ViewTransform t = ViewTransform.fit(p.layout().width(), p.layout().height(), w, h, 70, 34, 48);
        TopologyPainter.paint(g, w, h, p.graph(), p.layout(), t,
                new TopologyPainter.Style(c.palette(), c.thresholds(), c.labels(), -1, -1, true));
        g.restore();
    }

    private static void paintChart(GraphicsContext g, ExportContext c, double x, double y, double w, double h) {
        g.save();
        g.translate(x, y);
        g.beginPath();
        g.rect(0, 0, w, h);
        g.clip();
        ChartPainter.paint(g, w, h, c.presentation().chart(),
                new ChartPainter.Style(c.palette(), c.thresholds(), c.presentation().focus(), -1));
        g.restore();
    }

    static List<String> wrap(String text, int width) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width && line.length() > 0) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }

    private static WritableImage snap(Canvas canvas) {
        SnapshotParameters sp = new SnapshotParameters();
        sp.setTransform(Transform.scale(SCALE, SCALE));
        WritableImage img = new WritableImage((int) Math.ceil(canvas.getWidth() * SCALE),
                (int) Math.ceil(canvas.getHeight() * SCALE));
        return canvas.snapshot(sp, img);
    }
}
