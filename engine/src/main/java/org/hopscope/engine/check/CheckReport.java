package org.hopscope.engine.check;

import java.time.Instant;
import java.util.List;

/**
 * The result of one connectivity check: the one-page report's content.
 *
 * @param started when it started
 * @param durationMs how long it took
 * @param budgetMs the budget it had
 * @param environment the user's machine (gateway, resolvers, address)
 * @param transport the probing transport's one-line summary
 * @param targets one entry per target, in the order given
 * @param status the worst target status
 */
public record CheckReport(Instant started, double durationMs, long budgetMs, NetworkEnvironment environment,
        String transport, List<TargetCheck> targets, Status status) {

    public CheckReport {
        targets = List.copyOf(targets);
    }
}
