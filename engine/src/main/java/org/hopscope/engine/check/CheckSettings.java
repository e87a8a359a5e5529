package org.hopscope.engine.check;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * How a connectivity check runs.
 *
 * @param budget the whole check's wall-clock budget (every target in parallel)
 * @param dnsTimeout per DNS attempt
 * @param dnsAttempts attempts per server
 * @param connectTimeout the TCP connect's limit
 * @param roundInterval pause between continuous trace rounds
 * @param probeWait how long a probe waits for its reply
 * @param maxTtl farthest hop
 * @param probesPerHop probes per hop per round
 * @param dnsServers resolvers to use instead of the discovered ones (empty: the discovered ones)
 * @param thresholds what counts as degraded and broken
 */
public record CheckSettings(Duration budget, Duration dnsTimeout, int dnsAttempts, Duration connectTimeout,
        Duration roundInterval, Duration probeWait, int maxTtl, int probesPerHop, List<InetSocketAddress> dnsServers,
        Thresholds thresholds) {

    public CheckSettings {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the check's budget must be positive");
        }
        if (maxTtl < 1 || maxTtl > 64) {
            throw new IllegalArgumentException("max TTL must be 1..64");
        }
        if (probesPerHop < 1 || probesPerHop > 10) {
            throw new IllegalArgumentException("probes per hop must be 1..10");
        }
        dnsServers = List.copyOf(dnsServers);
    }

    /** A one-minute check (PingPlotter NetCheck's order of magnitude), 3 probes a hop every half second. */
    public static CheckSettings defaults() {
        return new CheckSettings(Duration.ofSeconds(60), Duration.ofSeconds(2), 2, Duration.ofSeconds(5),
                Duration.ofMillis(500), Duration.ofSeconds(1), 30, 3, List.of(), Thresholds.defaults());
    }

    public CheckSettings withBudget(Duration d) {
        return new CheckSettings(d, dnsTimeout, dnsAttempts, connectTimeout, roundInterval, probeWait, maxTtl,
                probesPerHop, dnsServers, thresholds);
    }

    public CheckSettings withDnsServers(List<InetSocketAddress> servers) {
        return new CheckSettings(budget, dnsTimeout, dnsAttempts, connectTimeout, roundInterval, probeWait, maxTtl,
                probesPerHop, servers, thresholds);
    }

    public CheckSettings withProbing(Duration interval, Duration wait, int maxTtl, int probesPerHop) {
        return new CheckSettings(budget, dnsTimeout, dnsAttempts, connectTimeout, interval, wait, maxTtl, probesPerHop,
                dnsServers, thresholds);
    }

    public CheckSettings withTimeouts(Duration dns, int attempts, Duration connect) {
        return new CheckSettings(budget, dns, attempts, connect, roundInterval, probeWait, maxTtl, probesPerHop,
                dnsServers, thresholds);
    }

    /**
     * @param degradedLossPercent persistent loss from which a segment is degraded
     * @param brokenLossPercent persistent loss from which it is broken
     * @param minLostProbes fewer lost probes than this never count (one lost probe in 30 is noise)
     * @param latencyRiseMs a persistent RTT rise from one hop to the next that marks a segment degraded
     * @param slowDnsMs name resolution slower than this is degraded
     */
    public record Thresholds(double degradedLossPercent, double brokenLossPercent, int minLostProbes,
            double latencyRiseMs, double slowDnsMs) {
        public static Thresholds defaults() {
            return new Thresholds(2, 25, 2, 150, 1000);
        }
    }
}
