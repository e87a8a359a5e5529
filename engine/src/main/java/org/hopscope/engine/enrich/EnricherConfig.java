package org.hopscope.engine.enrich;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hopscope.engine.trace.TraceSettings;

/**
 * How an {@link Enricher} looks things up.
 *
 * @param reverseDns whether to look up PTR names (off in numeric mode)
 * @param asLookups whether to look up origin ASes through Team Cymru's DNS interface (off in numeric
 *     mode: it is DNS traffic too)
 * @param dnsServers name servers to ask; empty means the system's (/etc/resolv.conf)
 * @param timeout how long one DNS attempt may take
 * @param attempts attempts per query, spread over the servers in turn
 * @param maxConcurrent DNS queries under way at once; the others wait in line
 * @param cacheSize entries per cache (names, prefixes, AS names)
 * @param positiveTtl how long an answer is kept
 * @param negativeTtl how long "no such record" is kept
 * @param retryAfter how long after a timed-out or failed lookup the same address may be tried again
 * @param cymruZone the IP-to-ASN zone, {@value Cymru#DEFAULT_ZONE} unless a mirror is used
 * @param geoIp an opened GeoIP database, or empty (then there is no location data, and no error)
 */
public record EnricherConfig(boolean reverseDns, boolean asLookups, List<InetSocketAddress> dnsServers,
        Duration timeout, int attempts, int maxConcurrent, int cacheSize, Duration positiveTtl,
        Duration negativeTtl, Duration retryAfter, String cymruZone, Optional<GeoIpDatabase> geoIp) {

    public EnricherConfig {
        dnsServers = List.copyOf(dnsServers);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout must be positive");
        }
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("DNS attempts must be 1..10, got " + attempts);
        }
        if (maxConcurrent < 1 || maxConcurrent > 256) {
            throw new IllegalArgumentException("concurrent DNS queries must be 1..256, got " + maxConcurrent);
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cache size must be positive");
        }
        Objects.requireNonNull(positiveTtl, "positiveTtl");
        Objects.requireNonNull(negativeTtl, "negativeTtl");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (cymruZone == null || cymruZone.isBlank()) {
            throw new IllegalArgumentException("a Cymru zone is required");
        }
        cymruZone = cymruZone.endsWith(".") ? cymruZone.substring(0, cymruZone.length() - 1) : cymruZone;
        Objects.requireNonNull(geoIp, "geoIp");
    }

    /** Names, ASes, system resolver, 2 s × 2 attempts, 8 queries at once. */
    public static EnricherConfig defaults() {
        return builder().build();
    }

    /** The defaults, with every DNS lookup off when the trace is numeric ({@code -n}). */
    public static EnricherConfig forTrace(TraceSettings settings) {
        return builder().numeric(settings.numeric()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.reverseDns = reverseDns;
        b.asLookups = asLookups;
        b.dnsServers = dnsServers;
        b.timeout = timeout;
        b.attempts = attempts;
        b.maxConcurrent = maxConcurrent;
        b.cacheSize = cacheSize;
        b.positiveTtl = positiveTtl;
        b.negativeTtl = negativeTtl;
        b.retryAfter = retryAfter;
        b.cymruZone = cymruZone;
        b.geoIp = geoIp;
        return b;
    }

    /** Whether any lookup needs the network. */
    public boolean usesDns() {
        return reverseDns || asLookups;
    }

    public static final class Builder {
        private boolean reverseDns = true;
        private boolean asLookups = true;
        private List<InetSocketAddress> dnsServers = List.of();
        private Duration timeout = Duration.ofSeconds(2);
        private int attempts = 2;
        private int maxConcurrent = 8;
        private int cacheSize = 4096;
        private Duration positiveTtl = Duration.ofHours(1);
        private Duration negativeTtl = Duration.ofMinutes(5);
        private Duration retryAfter = Duration.ofMinutes(1);
        private String cymruZone = Cymru.DEFAULT_ZONE;
        private Optional<GeoIpDatabase> geoIp = Optional.empty();

        private Builder() {
        }

        /** Numeric mode: no reverse DNS and no AS lookups (labels and GeoIP still work). */
        public Builder numeric(boolean numeric) {
            reverseDns = !numeric;
            asLookups = !numeric;
            return this;
        }

        public Builder reverseDns(boolean v) { reverseDns = v; return this; }
        public Builder asLookups(boolean v) { asLookups = v; return this; }
        /** Ask these servers instead of the system's, e.g. a test server on 127.0.0.1:port. */
        public Builder dnsServers(List<InetSocketAddress> v) { dnsServers = List.copyOf(v); return this; }
        public Builder dnsServer(InetSocketAddress v) { dnsServers = List.of(v); return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder attempts(int v) { attempts = v; return this; }
        public Builder maxConcurrent(int v) { maxConcurrent = v; return this; }
        public Builder cacheSize(int v) { cacheSize = v; return this; }
        public Builder positiveTtl(Duration v) { positiveTtl = v; return this; }
        public Builder negativeTtl(Duration v) { negativeTtl = v; return this; }
        public Builder retryAfter(Duration v) { retryAfter = v; return this; }
        public Builder cymruZone(String v) { cymruZone = v; return this; }
        public Builder geoIp(GeoIpDatabase v) { geoIp = Optional.ofNullable(v); return this; }
        public Builder geoIp(Optional<GeoIpDatabase> v) { geoIp = v; return this; }

        public EnricherConfig build() {
            return new EnricherConfig(reverseDns, asLookups, dnsServers, timeout, attempts, maxConcurrent, cacheSize,
                    positiveTtl, negativeTtl, retryAfter, cymruZone, geoIp);
        }
    }
}
