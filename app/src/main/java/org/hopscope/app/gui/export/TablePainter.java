package org.hopscope.app.gui.export;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.hopscope.app.gui.model.Badge;
import org.hopscope.app.gui.model.Format;
import org.hopscope.app.gui.model.HopRow;
import org.hopscope.app.gui.view.Palette;

/**
 * Draws the hop table for images. A TableView is virtualised and would snapshot only its visible
 * rows; drawing the rows directly gives the whole table, masked labels included, at any size.
 */
public final class TablePainter {
    static final double ROW = 20;
    private static final Font FONT = Font.font("System", 12);
    private static final Font BOLD = Font.font("System", FontWeight.BOLD, 12);
    private static final String[] HEAD = {"Hop", "Host", "Address", "Share", "Loss", "Sent", "Recv", "Last", "Avg",
        "Best", "Worst", "StDev", "Jitter", "MPLS", "Notes"};
    private static final double[] WIDTH = {36, 190, 150, 46, 50, 40, 40, 50, 50, 50, 50, 50, 50, 64, 150};

    private TablePainter() {
    }

    public static double width() {
        double w = 0;
        for (double c : WIDTH) {
            w += c;
        }
        return w;
    }

    public static double height(int rows) {
        return ROW * (rows + 1) + 4;
    }

    public static void paint(GraphicsContext g, double x0, double y0, List<HopRow> rows, Palette p,
            org.hopscope.app.gui.model.LatencyThresholds t) {
        g.setTextBaseline(VPos.CENTER);
        g.setFont(BOLD);
        g.setFill(p.grid());
        g.fillRect(x0, y0, width(), ROW);
        double x = x0;
        for (int c = 0; c < HEAD.length; c++) {
            g.setFill(p.text());
            cell(g, HEAD[c], x, y0, c);
            x += WIDTH[c];
        }
        g.setFont(FONT);
        double y = y0 + ROW;
        for (HopRow r : rows) {
            if (!r.isSubRow()) {
                g.setStroke(p.grid());
                g.setLineWidth(1);
                g.strokeLine(x0, y, x0 + width(), y);
            }
            String[] v = {r.hopText(), (r.isSubRow() ? "   " : "") + r.host(), r.addressText(), r.shareText(),
                r.sent() == 0 ? "" : Format.percent(r.lossPercent()), "" + r.sent(), "" + r.received(),
                Format.ms(r.lastMs()), Format.ms(r.avgMs()), Format.ms(r.bestMs()), Format.ms(r.worstMs()),
                Format.ms(r.stddevMs()), Format.ms(r.jitterMs()), r.mpls(),
                String.join(" ", r.badges().stream().sorted().map(Badge::label).toList())};
            x = x0;
            for (int c = 0; c < v.length; c++) {
                g.setFill(c == 8 ? p.latency(t.level(r.avgMs())).darker()
                        : c == 4 && r.lossPercent() > 0 && r.sent() > 0 ? p.loss()
                        : r.badges().contains(Badge.SILENT) ? p.muted() : p.text());
                if (c == 8 && Double.isNaN(r.avgMs())) {
                    g.setFill(p.muted());
                }
                cell(g, v[c], x, y, c);
                x += WIDTH[c];
            }
            y += ROW;
        }
    }

    private static void cell(GraphicsContext g, String text, double x, double y, int c) {
        boolean numeric = c >= 3 && c <= 12;
        String s = text;
        double max = WIDTH[c] - 8;
        while (s.length() > 1 && s.length() * 6.4 > max) {
            s = s.substring(0, s.length() - 2) + "…";
        }
        g.setTextAlign(numeric ? TextAlignment.RIGHT : TextAlignment.LEFT);
        g.fillText(s, numeric ? x + WIDTH[c] - 6 : x + 4, y + ROW / 2);
    }
}
