package org.hopscope.engine.sim;

/**
 * A link from {@code from} (the prober's side) to {@code to}, used in that direction by probes and
 * backwards by replies; the same one-way delay applies both ways.
 *
 * @param delayNanos fixed one-way delay
 * @param jitterNanos extra delay drawn uniformly in [0, jitter) per crossing (seeded), 0 for none
 * @param loss probability that a crossing (either way) loses the packet
 * @param line the line it was declared on
 */
public record Link(String from, String to, long delayNanos, long jitterNanos, double loss, int line) {
}
