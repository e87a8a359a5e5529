package org.hopscope.engine.pmtu;

import java.time.Duration;

/**
 * Path MTU discovery's own knobs; protocol, ports, TTL range, missing-hop limit and wait time come
 * from the trace's settings.
 *
 * @param startSize the first probe size (total IP length), e.g. 1500 for Ethernet; at most 65000
 * @param attempts probes per size and TTL before it counts as unanswered
 * @param waitTime how long one probe may stay unanswered; null to take the trace's
 */
public record PmtuOptions(int startSize, int attempts, Duration waitTime) {
    public PmtuOptions {
        if (startSize < 68 || startSize > 65000) {
            throw new IllegalArgumentException("start size must be 68..65000, got " + startSize);
        }
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts must be 1..10, got " + attempts);
        }
        if (waitTime != null && (waitTime.isNegative() || waitTime.isZero())) {
            throw new IllegalArgumentException("wait time must be positive");
        }
    }

    /** 1500 bytes, 2 attempts, the trace's wait time. */
    public static PmtuOptions defaults() {
        return new PmtuOptions(1500, 2, null);
    }
}
