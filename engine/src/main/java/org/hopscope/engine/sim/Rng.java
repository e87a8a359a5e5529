package org.hopscope.engine.sim;

import java.nio.charset.StandardCharsets;

/** SplitMix64: a tiny seeded generator whose whole state is one long, so a network state copies cheaply. */
final class Rng {
    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    Rng copy() {
        return new Rng(state);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    int nextInt(int bound) {
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** The SplitMix64 / MurmurHash3 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed for one named element (node, link) derived from the topology seed. */
    static long derive(long seed, String purpose, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (purpose + "/" + name).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(seed ^ mix(h));
    }
}
