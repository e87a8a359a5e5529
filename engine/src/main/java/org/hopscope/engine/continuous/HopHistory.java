package org.hopscope.engine.continuous;

/**
 * One hop's latency over time, bucketed for a chart: each bucket covers one or more rounds. Arrays
 * are parallel; RTT values are NaN where nothing answered in a bucket.
 *
 * @param times bucket start, microseconds since the epoch
 * @param lossPercent share of the bucket's probes that got no reply, 0..100 (NaN if none was sent)
 */
public record HopHistory(int ttl, long[] times, float[] minMs, float[] avgMs, float[] maxMs, float[] lossPercent) {
    public int size() {
        return times.length;
    }
}
