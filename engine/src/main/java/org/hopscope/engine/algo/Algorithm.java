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
    SCOUT,
    /** Multipath Detection Algorithm: every load-balanced path, node by node (org.hopscope.engine.mda). */
    EXHAUSTIVE,
    /** MDA-Lite (Vermeulen et al., IMC 2018): MDA's result for fewer probes; the multipath default. */
    LITE;

    /** Whether this algorithm explores every path (run it with org.hopscope.engine.mda.MultipathTracer). */
    public boolean multipath() {
        return this == EXHAUSTIVE || this == LITE;
    }

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
                "unknown algorithm '" + s + "' (expected hopbyhop, packetbypacket, concurrent, scout, exhaustive or lite)");
    }
}
