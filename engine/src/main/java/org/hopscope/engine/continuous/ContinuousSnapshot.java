package org.hopscope.engine.continuous;

import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Continuous tracing at one moment.
 *
 * @param aggregate every completed round folded into one trace: hops and links over all rounds,
 *     probes of the latest round only (so its size does not grow with the run)
 * @param current the round in progress, or the last one once stopped (null before the first starts)
 * @param rounds completed rounds
 * @param firstRoundMicros start of the oldest retained round in the history, or -1
 * @param lastRoundMicros start of the newest retained round, or -1
 */
public record ContinuousSnapshot(TraceSnapshot aggregate, TraceSnapshot current, long rounds,
        long firstRoundMicros, long lastRoundMicros, boolean running) {
}
