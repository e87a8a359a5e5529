package org.hopscope.engine.algo;

import java.util.Locale;

/** The probing algorithms of paris-traceroute(8) {@code -a}. */
public enum Algorithm {
    /** q probes per TTL with the same flow, wait for all replies or the timeout, then the next TTL. */
    HOPBYHOP,
    /** One probe at a time: send, wait for its reply or timeout, then the next (classic traceroute). */
    PACKETBYPACKET,
    /** Every probe from first to max TTL at once, then wait; the wait adapts to the path's RTT. */
    CONCURRENT,
    /** One probe at max TTL to learn the path length, then concurrent up to it (hopbyhop if unreachable). */
    SCOUT;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Algorithm parse(String s) {
        for (Algorithm a : values()) {
            if (a.cliName().equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "unknown algorithm '" + s + "' (expected hopbyhop, packetbypacket, concurrent or scout)");
    }
}
