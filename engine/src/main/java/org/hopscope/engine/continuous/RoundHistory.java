package org.hopscope.engine.continuous;

import java.util.Arrays;

/**
 * Ring buffer of per-round, per-hop samples in flat primitive arrays: a fixed footprint of about
 * 30 bytes per hop and round, allocated once, whatever the run length. Not thread-safe; the owning
 * {@link ContinuousTracer} synchronises.
 */
final class RoundHistory {
    static final short NO_ADDRESS = -1;

    private final int capacity;
    private final int hops;
    private final long[] roundIndex;
    private final long[] startMicros;
    private final byte[] sent;
    private final byte[] received;
    private final float[] min;
    private final float[] max;
    private final float[] sum;
    private final float[] sumSq;
    private final short[] address;
    private int size;
    private int head; // next slot to write

    RoundHistory(int capacity, int hops) {
        this.capacity = capacity;
        this.hops = hops;
        roundIndex = new long[capacity];
        startMicros = new long[capacity];
        sent = new byte[capacity * hops];
        received = new byte[capacity * hops];
        min = new float[capacity * hops];
        max = new float[capacity * hops];
        sum = new float[capacity * hops];
        sumSq = new float[capacity * hops];
        address = new short[capacity * hops];
    }

    int hops() {
        return hops;
    }

    int size() {
        return size;
    }

    /** Starts a new round's slot (overwriting the oldest when full) and returns it. */
    int begin(long round, long micros) {
        int slot = head;
        head = (head + 1) % capacity;
        size = Math.min(size + 1, capacity);
        roundIndex[slot] = round;
        startMicros[slot] = micros;
        int base = slot * hops;
        Arrays.fill(sent, base, base + hops, (byte) 0);
        Arrays.fill(received, base, base + hops, (byte) 0);
        Arrays.fill(min, base, base + hops, Float.NaN);
        Arrays.fill(max, base, base + hops, Float.NaN);
        Arrays.fill(sum, base, base + hops, 0f);
        Arrays.fill(sumSq, base, base + hops, 0f);
        Arrays.fill(address, base, base + hops, NO_ADDRESS);
        return slot;
    }

    void addProbe(int slot, int hopIndex, boolean answered, double rttMs, short addressIndex) {
        if (hopIndex < 0 || hopIndex >= hops) {
            return;
        }
        int i = slot * hops + hopIndex;
        sent[i] = (byte) Math.min(127, sent[i] + 1);
        if (answered) {
            received[i] = (byte) Math.min(127, received[i] + 1);
            float r = (float) rttMs;
            min[i] = Float.isNaN(min[i]) ? r : Math.min(min[i], r);
            max[i] = Float.isNaN(max[i]) ? r : Math.max(max[i], r);
            sum[i] += r;
            sumSq[i] += r * r;
            if (address[i] == NO_ADDRESS) {
                address[i] = addressIndex;
            }
        }
    }

    /** Slot of the k-th oldest retained round, 0 ≤ k &lt; size. */
    int slotAt(int k) {
        int oldest = size < capacity ? 0 : head;
        return (oldest + k) % capacity;
    }

    long roundIndex(int slot) {
        return roundIndex[slot];
    }

    long startMicros(int slot) {
        return startMicros[slot];
    }

    int sent(int slot, int hop) {
        return sent[slot * hops + hop];
    }

    int received(int slot, int hop) {
        return received[slot * hops + hop];
    }

    float min(int slot, int hop) {
        return min[slot * hops + hop];
    }

    float max(int slot, int hop) {
        return max[slot * hops + hop];
    }

    float sum(int slot, int hop) {
        return sum[slot * hops + hop];
    }

    float sumSq(int slot, int hop) {
        return sumSq[slot * hops + hop];
    }

    short address(int slot, int hop) {
        return address[slot * hops + hop];
    }

    /** Index of the first retained round starting at or after {@code micros} (binary search). */
    int firstAtOrAfter(long micros) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (startMicros[slotAt(mid)] < micros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
