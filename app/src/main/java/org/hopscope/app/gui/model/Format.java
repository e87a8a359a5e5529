package org.hopscope.app.gui.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and time spelling shared by the table, tooltips and exports. */
public final class Format {
    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Format() {
    }

    /** "12.3" (one decimal), "" for NaN. */
    public static String ms(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    public static String percent(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v == 0 ? "0%" : v < 10 ? String.format(Locale.ROOT, "%.1f%%", v) : String.format(Locale.ROOT, "%.0f%%", v);
    }

    public static String epochMicros(long micros) {
        if (micros < 0) {
            return "—";
        }
        return LOCAL_TIME.format(Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1000));
    }

    public static String clock(long micros) {
        return CLOCK.format(Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1000));
    }
}
