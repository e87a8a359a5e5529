package org.hopscope.engine.trace;

/**
 * Running statistics in constant memory (Welford's mean/variance), so continuous tracing can run for
 * hours without keeping every sample. Not thread-safe; owned by one {@link TraceRecorder}.
 */
public final class RttAccumulator {
    private int sent;
    private int received;
    private double last = Double.NaN;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double mean;
    private double m2;
    private double jitterSum;
    private double jitterMax;
    private int jitterCount;

    /** A probe was sent (and is now answered or lost). */
    public void addSent() {
        sent++;
    }

    /** A probe's reply arrived after {@code rttMs}. */
    public void addReply(double rttMs) {
        if (received > 0) {
            double d = Math.abs(rttMs - last);
            jitterSum += d;
            jitterMax = Math.max(jitterMax, d);
            jitterCount++;
        }
        received++;
        last = rttMs;
        min = Math.min(min, rttMs);
        max = Math.max(max, rttMs);
        double delta = rttMs - mean;
        mean += delta / received;
        m2 += delta * (rttMs - mean);
    }

    public RttStats snapshot() {
        if (received == 0) {
            return new RttStats(sent, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN);
        }
        double stddev = received > 1 ? Math.sqrt(m2 / (received - 1)) : 0.0;
        double jitter = jitterCount == 0 ? 0.0 : jitterSum / jitterCount;
        return new RttStats(sent, received, last, min, mean, max, stddev, jitter, jitterMax);
    }
}
