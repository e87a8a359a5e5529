package org.hopscope.engine.probe;

/** An IP time-to-live (IPv6: hop limit) a probe is sent with; 1..255. */
public record Ttl(int value) implements Comparable<Ttl> {
    public static final int MAX = 255;

    public Ttl {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("TTL must be 1.." + MAX + ", got " + value);
        }
    }

    public static Ttl of(int value) {
        return new Ttl(value);
    }

    public Ttl next() {
        return new Ttl(value + 1);
    }

    @Override
    public int compareTo(Ttl o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
