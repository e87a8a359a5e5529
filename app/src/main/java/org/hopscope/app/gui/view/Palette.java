package org.hopscope.app.gui.view;

import javafx.scene.paint.Color;
import org.hopscope.app.gui.model.LatencyThresholds;

/**
 * Colours for what is drawn on canvases (CSS does not reach inside a Canvas). Latency colours follow
 * the traffic-light convention of PingPlotter and NetBeez; grey means "no reply", never "good".
 */
public record Palette(Color background, Color grid, Color text, Color muted, Color edge, Color selection,
        Color good, Color warning, Color critical, Color silent, Color source, Color loss, Color min, Color avg,
        Color max, Color focus) {

    public static final Palette LIGHT = new Palette(Color.web("#ffffff"), Color.web("#e3e6ea"), Color.web("#1f2328"),
            Color.web("#6a737d"), Color.web("#8c959f"), Color.web("#0969da"), Color.web("#2da44e"),
            Color.web("#d4a72c"), Color.web("#cf222e"), Color.web("#b1b8c0"), Color.web("#57606a"),
            Color.web("#cf222e"), Color.web("#54aeff"), Color.web("#0969da"), Color.web("#8250df"),
            Color.web("#0969da", 0.12));

    public static final Palette DARK = new Palette(Color.web("#1e2227"), Color.web("#30363d"), Color.web("#e6edf3"),
            Color.web("#9aa4ae"), Color.web("#6e7681"), Color.web("#58a6ff"), Color.web("#3fb950"),
            Color.web("#d29922"), Color.web("#f85149"), Color.web("#56606b"), Color.web("#8b949e"),
            Color.web("#f85149"), Color.web("#79c0ff"), Color.web("#58a6ff"), Color.web("#bc8cff"),
            Color.web("#58a6ff", 0.18));

    public Color latency(LatencyThresholds.Level level) {
        return switch (level) {
            case GOOD -> good;
            case WARNING -> warning;
            case CRITICAL -> critical;
            case NONE -> silent;
        };
    }
}
