package org.hopscope.app.gui.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The one-page PNG report of a check, for a ticket: time, machine (as masked in the document), the
 * overall status, then per target its path (every hop with loss and RTT) and one sentence per
 * segment. Always light (it is printed and pasted), {@link #WIDTH} pixels wide, as tall as the
 * content. Drawn on a fresh canvas, never a screenshot. FX thread.
 */
public final class CheckReportPainter {
    public static final int WIDTH = 1100;
    private static final double M = 24;
    private static final double LINE = 17;
    private static final double LABEL_W = 150;
    private static final Font TITLE = Font.font("System", FontWeight.BOLD, 18);
    private static final Font BIG = Font.font("System", FontWeight.BOLD, 16);
    private static final Font TEXT = Font.font("System", 12);
    private static final Font BOLD = Font.font("System", FontWeight.BOLD, 12);
    private static final Font SMALL = Font.font("Monospaced", 11);
    private static final Color INK = Color.web("#1f2328");
    private static final Color MUTED = Color.web("#57606a");
    private static final Color RULE = Color.web("#d0d7de");

    private CheckReportPainter() {
    }

    /** The colour of a status word ("good", "degraded", "broken", "unknown"). */
    public static Color color(String status) {
        return switch (status == null ? "" : status) {
            case "good" -> Color.web("#2da44e");
            case "degraded" -> Color.web("#d4a72c");
            case "broken" -> Color.web("#cf222e");
            default -> Color.web("#8c959f");
        };
    }

    /** One sentence for the overall status, as the banner says it. */
    public static String headline(String status) {
        return switch (status == null ? "" : status) {
            case "good" -> "Good: every target answered and no segment loses or delays traffic.";
            case "degraded" -> "Degraded: the targets answer, but a segment loses or delays traffic.";
            case "broken" -> "Broken: at least one target cannot be used; see the segment marked broken.";
            default -> "Unknown: nothing could be measured.";
        };
    }

    static String networkLine(CheckDocument.Machine m) {
        return "Network: interface " + or(m.iface(), "?") + ", address " + or(m.localAddress(), "?")
                + (m.masked() ? " (masked)" : "") + ", gateway " + or(m.gateway(), "none") + ", DNS "
                + (m.dnsServers().isEmpty() ? "none" : String.join(" ", m.dnsServers()));
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String or(String s, String dflt) {
        return s == null || s.isEmpty() ? dflt : s;
    }

    /** The image's height for {@code d} (its width is {@link #WIDTH}). */
    public static int height(CheckDocument d) {
        return (int) Math.ceil(paint(null, d));
    }

    public static WritableImage render(CheckDocument d) {
        Canvas c = new Canvas(WIDTH, height(d));
        paint(c.getGraphicsContext2D(), d);
        return c.snapshot(null, null);
    }

    /** Draws on {@code g} (or only measures when null); returns the height used. */
    private static double paint(GraphicsContext g, CheckDocument d) {
        if (g != null) {
            g.setFill(Color.WHITE);
            g.fillRect(0, 0, WIDTH, g.getCanvas().getHeight());
            g.setTextBaseline(VPos.TOP);
            g.setTextAlign(TextAlignment.LEFT);
        }
        double y = M;
        text(g, "Hopscope connectivity check", TITLE, INK, M, y);
        y += 28;
        CheckDocument.Machine m = d.machine();
        List<String> head = List.of(
                "Started " + d.startedText() + ", ran " + String.format(Locale.ROOT, "%.1f", d.durationMs() / 1000.0)
                        + " s (budget " + d.budgetMs() / 1000 + " s)",
                "Machine: " + or(m.os(), "?") + (m.hostName() == null || m.hostName().isEmpty() ? ""
                        : ", " + m.hostName()) + (m.masked() ? " (privacy mask on)" : ""),
                networkLine(m),
                capitalized(or(d.transport(), "no probing transport")));
        for (String s : head) {
            text(g, s, TEXT, MUTED, M, y);
            y += LINE;
        }
        y += 8;
        // overall status banner
        if (g != null) {
            g.setFill(color(d.status()));
            g.fillRoundRect(M, y, WIDTH - 2 * M, 40, 8, 8);
        }
        text(g, d.status().toUpperCase(Locale.ROOT), BIG, Color.WHITE, M + 14, y + 11);
        text(g, headline(d.status()), TEXT, Color.WHITE, M + 140, y + 13);
        y += 52;
        for (CheckDocument.Target t : d.targets()) {
            y = target(g, t, y);
        }
        return y + M - 10;
    }

    private static double target(GraphicsContext g, CheckDocument.Target t, double y) {
        if (g != null) {
            g.setStroke(RULE);
            g.strokeLine(M, y, WIDTH - M, y);
        }
        y += 8;
        dot(g, t.status(), M, y + 4, 10);
        String title = t.target() + (t.address() == null ? "" : "  (" + t.address() + ")") + "  — "
                + t.status().toUpperCase(Locale.ROOT);
        text(g, title, BOLD, INK, M + 16, y);
        y += LINE + 2;
        String how = t.protocol() == null ? "Not traced" + (or(t.pathDetail(), "").isEmpty() ? "" : ": "
                + t.pathDetail()) : "Traced over " + t.protocol().toUpperCase(Locale.ROOT) + ", " + t.rounds()
                + " rounds, " + (t.reached() ? "destination reached" : "destination not reached");
        text(g, how + ".  DNS: " + t.dns() + ".  TCP connect: " + t.connect() + ".", TEXT, MUTED, M + 16, y);
        y += LINE + 2;
        // the path: two columns of hops
        List<CheckDocument.Hop> hops = t.hops();
        int rows = (hops.size() + 1) / 2;
        double colW = (WIDTH - 2 * M - 16) / 2;
        for (int i = 0; i < hops.size(); i++) {
            double x = M + 16 + (i < rows ? 0 : colW);
            double yy = y + (i % Math.max(1, rows)) * (LINE - 2);
            text(g, hopText(hops.get(i)), SMALL, hops.get(i).address() == null ? MUTED : INK, x, yy);
        }
        y += rows * (LINE - 2) + (rows > 0 ? 6 : 0);
        for (CheckDocument.Verdict v : t.verdicts()) {
            dot(g, v.status(), M + 20, y + 4, 8);
            text(g, v.label(), BOLD, INK, M + 34, y);
            String evidence = v.hopsText().isEmpty() ? "" : " [" + v.hopsText() + "]";
            List<String> lines = wrap(v.sentence() + evidence, TEXT, WIDTH - M - (M + 34 + LABEL_W));
            for (String l : lines) {
                text(g, l, TEXT, INK, M + 34 + LABEL_W, y);
                y += LINE;
            }
        }
        return y + 8;
    }

    private static String hopText(CheckDocument.Hop h) {
        String who = h.address() == null ? "*" : h.address() + (h.name() == null ? "" : " " + h.name());
        if (who.length() > 30) {
            who = who.substring(0, 29) + "…";
        }
        String stats = h.received() == 0 ? "no reply            " : String.format(Locale.ROOT,
                "%3.0f%% loss %7.1f ms", h.lossPercent(), h.avgMs());
        String segment = h.segment() == null ? "" : switch (h.segment()) {
            case "local_network" -> "local";
            case "isp_edge" -> "ISP edge";
            case "destination_network" -> "dest. net";
            default -> h.segment();
        };
        return String.format(Locale.ROOT, "%2d  %-31s %s  %s", h.ttl(), who, stats, segment);
    }

    private static void dot(GraphicsContext g, String status, double x, double y, double size) {
        if (g != null) {
            g.setFill(color(status));
            g.fillOval(x, y, size, size);
        }
    }

    private static void text(GraphicsContext g, String s, Font f, Color c, double x, double y) {
        if (g != null) {
            g.setFont(f);
            g.setFill(c);
            g.fillText(s, x, y);
        }
    }

    /** Greedy word wrap to {@code width} pixels in font {@code f}. */
    static List<String> wrap(String s, Font f, double width) {
        List<String> out = new ArrayList<>();
        Text probe = new Text();
        probe.setFont(f);
        StringBuilder line = new StringBuilder();
        for (String w : s.split(" ")) {
            String next = line.length() == 0 ? w : line + " " + w;
            probe.setText(next);
            if (probe.getLayoutBounds().getWidth() > width && line.length() > 0) {
                out.add(line.toString());
                line = new StringBuilder(w);
            } else {
                line = new StringBuilder(next);
            }
        }
        out.add(line.toString());
        return out;
    }
}
