package org.hopscope.app.gui.model;

/**
 * When a latency counts as a warning or critical. Defaults follow NetBeez (orange above 100 ms, red
 * above 150 ms); PingPlotter tells users to tune them to their link, so both are settings.
 */
public record LatencyThresholds(double warningMs, double criticalMs) {
    public static final LatencyThresholds DEFAULT = new LatencyThresholds(100, 150);

    public enum Level { NONE, GOOD, WARNING, CRITICAL }

    public LatencyThresholds {
        if (!(warningMs > 0) || !(criticalMs >= warningMs)) {
            throw new IllegalArgumentException("need 0 < warning <= critical, got " + warningMs + "/" + criticalMs);
        }
    }

    /** NONE when there is no measurement (NaN): a silent hop is not "good". */
    public Level level(double ms) {
        if (Double.isNaN(ms)) {
            return Level.NONE;
        }
        return ms >= criticalMs ? Level.CRITICAL : ms >= warningMs ? Level.WARNING : Level.GOOD;
    }
}
