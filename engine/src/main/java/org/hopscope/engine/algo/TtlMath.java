package org.hopscope.engine.algo;

/** Estimates from TTLs, after traceroute's {@code --back} and tracepath(1). */
public final class TtlMath {
    private TtlMath() {
    }

    /**
     * Hops a reply travelled, assuming the sender started from one of the common initial TTLs 64,
     * 128 or 255: {@code (64|128|255) + 1 - ttl} for the smallest initial TTL not below it.
     */
    public static int returnHops(int replyTtl) {
        if (replyTtl <= 64) {
            return 65 - replyTtl;
        }
        if (replyTtl <= 128) {
            return 129 - replyTtl;
        }
        return 256 - replyTtl;
    }
}
