package org.hopscope.engine.continuous;

import org.hopscope.engine.trace.RttStats;

/** Sums over a range of rounds of one hop, turned into {@link RttStats} (pooled variance). */
final class WindowStats {
    int sent;
    int received;
    double sum;
    double sumSq;
    double min = Double.NaN;
    double max = Double.NaN;
    double last = Double.NaN;
    private double previousMean = Double.NaN;
    private double jitterSum;
    private double jitterMax;
    private int jitterCount;

    void add(RoundHistory h, int slot, int hop) {
        int s = h.sent(slot, hop);
        int r = h.received(slot, hop);
        sent += s;
        if (r == 0) {
            return;
        }
        received += r;
        sum += h.sum(slot, hop);
        sumSq += h.sumSq(slot, hop);
        double lo = h.min(slot, hop);
        double hi = h.max(slot, hop);
        min = Double.isNaN(min) ? lo : Math.min(min, lo);
        max = Double.isNaN(max) ? hi : Math.max(max, hi);
        double mean = h.sum(slot, hop) / r;
        last = mean;
        if (!Double.isNaN(previousMean)) {
            double d = Math.abs(mean - previousMean);
            jitterSum += d;
            jitterMax = Math.max(jitterMax, d);
            jitterCount++;
        }
        previousMean = mean;
    }

    RttStats stats() {
        if (received == 0) {
            return new RttStats(sent, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        double mean = sum / received;
        double var = received > 1 ? Math.max(0, (sumSq - received * mean * mean) / (received - 1)) : 0;
        return new RttStats(sent, received, last, min, mean, max, Math.sqrt(var),
                jitterCount == 0 ? 0 : jitterSum / jitterCount, jitterCount == 0 ? 0 : jitterMax);
    }
}
