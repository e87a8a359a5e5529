package org.hopscope.engine.continuous;

import java.time.Duration;

/**
 * How continuous (mtr-style) tracing repeats its rounds.
 *
 * @param interval time from the start of one round to the start of the next (a round that takes
 *     longer is followed at once)
 * @param historyRounds how many rounds of per-hop samples are kept for charts and focus windows; the
 *     oldest are overwritten, so memory stays bounded however long it runs
 * @param maxRounds stop after this many rounds; 0 runs until stopped
 */
public record ContinuousSettings(Duration interval, int historyRounds, long maxRounds) {
    /** An hour at 10 rounds a second, ten hours at one a second: about 20 MB at 30 hops. */
    public static final int DEFAULT_HISTORY_ROUNDS = 36_000;

    public ContinuousSettings {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative");
        }
        if (historyRounds < 1) {
            throw new IllegalArgumentException("history must keep at least one round");
        }
        if (maxRounds < 0) {
            throw new IllegalArgumentException("max rounds must not be negative");
        }
    }

    public static ContinuousSettings every(Duration interval) {
        return new ContinuousSettings(interval, DEFAULT_HISTORY_ROUNDS, 0);
    }

    public ContinuousSettings withMaxRounds(long rounds) {
        return new ContinuousSettings(interval, historyRounds, rounds);
    }

    public ContinuousSettings withHistoryRounds(int rounds) {
        return new ContinuousSettings(interval, rounds, maxRounds);
    }
}
