package org.hopscope.engine.insession;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * What to trace and how hard: {@code rounds} probes per hop per connection, {@code flows}
 * connections (each with its own source port, so per-flow load balancers may put each on another
 * path), TTL 1 to {@code maxTtl}.
 */
public record InSessionSettings(InetAddress target, int port, int maxTtl, int rounds, int flows, Duration waitTime,
        Duration connectTimeout) {

    public static final int DEFAULT_PORT = 80;

    public InSessionSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(waitTime, "waitTime");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        if (maxTtl < 1 || maxTtl > 255) {
            throw new IllegalArgumentException("max TTL must be 1..255, got " + maxTtl);
        }
        if (rounds < 1 || rounds > 100) {
            throw new IllegalArgumentException("rounds must be 1..100, got " + rounds);
        }
        if (flows < 1 || flows > 32) {
            throw new IllegalArgumentException("connections must be 1..32, got " + flows);
        }
    }

    public static InSessionSettings defaults(InetAddress target) {
        return new InSessionSettings(target, DEFAULT_PORT, 30, 3, 1, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }
}
