package org.hopscope.engine.probe;

/**
 * The identity a probe carries in a header field load balancers do not hash (Paris: UDP checksum,
 * ICMP sequence, TCP sequence). 1..65534: 0 is not a valid UDP checksum over IPv6 and means "no
 * checksum" over IPv4 (RFC 768), and 0xFFFF is how a computed 0 is transmitted, so both are avoided.
 */
public record ProbeId(int value) implements Comparable<ProbeId> {
    public static final int MIN = 1;
    public static final int MAX = 0xFFFE;

    public ProbeId {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("probe id must be " + MIN + ".." + MAX + ", got " + value);
        }
    }

    public static ProbeId of(int value) {
        return new ProbeId(value);
    }

    /** The id after this one, wrapping inside the valid range. */
    public ProbeId next() {
        return new ProbeId(value == MAX ? MIN : value + 1);
    }

    @Override
    public int compareTo(ProbeId o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
