package org.hopscope.engine.trace;

/**
 * Immutable statistics of a series of probes, in milliseconds. NaN when no reply was received.
 *
 * @param jitterMs mean absolute difference between consecutive RTTs (mtr's "Javg")
 * @param jitterMaxMs largest absolute difference between consecutive RTTs (mtr's "Jmax")
 */
public record RttStats(
        int sent,
        int received,
        double lastMs,
        double minMs,
        double avgMs,
        double maxMs,
        double stddevMs,
        double jitterMs,
        double jitterMaxMs) {

    public static final RttStats EMPTY = new RttStats(0, 0, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Share of sent probes that got no reply, 0..100; 0 when nothing was sent. */
    public double lossPercent() {
        return sent == 0 ? 0.0 : 100.0 * (sent - received) / sent;
    }
}
