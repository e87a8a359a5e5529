package org.hopscope.app.gui.model;

/** A time range the table is computed over (PingPlotter's focus period); epoch microseconds, [from, to). */
public record FocusWindow(long fromMicros, long toMicros) {
    public FocusWindow {
        if (toMicros < fromMicros) {
            throw new IllegalArgumentException("focus window ends before it starts");
        }
    }

    public boolean contains(long micros) {
        return micros >= fromMicros && micros < toMicros;
    }

    public String describe() {
        return Format.clock(fromMicros) + "–" + Format.clock(toMicros) + " ("
                + Math.max(1, Math.round((toMicros - fromMicros) / 1e6)) + " s)";
    }
}
