package org.hopscope.engine.trace;

import java.time.Duration;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.probe.ProbeProtocol;

/**
 * Everything that decides which probes a trace sends. Defaults follow paris-traceroute(8) where it
 * has one (ports 33456/33457, 3 probes per hop, max TTL 30, 3 missing hops), except the algorithm:
 * Hopscope defaults to concurrent probing with an adaptive wait, which answers in about one path RTT.
 *
 * @param target the target as the user typed it (host name or address)
 * @param ipVersion 4 or 6 to force a family, 0 to take the first address the name resolves to
 * @param packetLength total IP packet length in bytes (-L); raised to the protocol minimum
 * @param waitTime how long a probe may stay unanswered (-w)
 * @param delay pause between two probes (-T)
 * @param grace how long concurrent probing keeps listening after the last expected reply
 */
public record TraceSettings(
        String target,
        int ipVersion,
        ProbeProtocol protocol,
        ProbeMethod method,
        Algorithm algorithm,
        int firstTtl,
        int maxTtl,
        int maxMissingHops,
        int probesPerHop,
        int sourcePort,
        int destinationPort,
        int tos,
        int flowLabel,
        int initialProbeId,
        int packetLength,
        Duration waitTime,
        Duration delay,
        Duration grace,
        boolean numeric) {

    public static final int DEFAULT_SOURCE_PORT = 33456;
    public static final int DEFAULT_DESTINATION_PORT = 33457;
    public static final int DEFAULT_TCP_PORT = 80;

    public TraceSettings {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("a target is required");
        }
        if (ipVersion != 0 && ipVersion != 4 && ipVersion != 6) {
            throw new IllegalArgumentException("IP version must be 4 or 6");
        }
        requireRange("first TTL", firstTtl, 1, 255);
        requireRange("max TTL", maxTtl, 1, 255);
        if (firstTtl > maxTtl) {
            throw new IllegalArgumentException("first TTL " + firstTtl + " exceeds max TTL " + maxTtl);
        }
        requireRange("max missing hops", maxMissingHops, 1, 255);
        requireRange("probes per hop", probesPerHop, 1, 100);
        requireRange("source port", sourcePort, 1, 65535);
        requireRange("destination port", destinationPort, 1, 65535);
        requireRange("TOS", tos, 0, 255);
        requireRange("flow label", flowLabel, 0, 0xFFFFF);
        requireRange("initial probe id", initialProbeId, 1, 0xFFFE);
        requireRange("packet length", packetLength, 0, 65000);
        if (waitTime.isNegative() || waitTime.isZero()) {
            throw new IllegalArgumentException("wait time must be positive");
        }
        if (delay.isNegative() || grace.isNegative()) {
            throw new IllegalArgumentException("delay and grace must not be negative");
        }
    }

    private static void requireRange(String what, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be " + lo + ".." + hi + ", got " + v);
        }
    }

    public static Builder builder(String target) {
        return new Builder(target);
    }

    public Builder toBuilder() {
        Builder b = new Builder(target);
        b.ipVersion = ipVersion;
        b.protocol = protocol;
        b.method = method;
        b.algorithm = algorithm;
        b.firstTtl = firstTtl;
        b.maxTtl = maxTtl;
        b.maxMissingHops = maxMissingHops;
        b.probesPerHop = probesPerHop;
        b.sourcePort = sourcePort;
        b.destinationPort = destinationPort;
        b.tos = tos;
        b.flowLabel = flowLabel;
        b.initialProbeId = initialProbeId;
        b.packetLength = packetLength;
        b.waitTime = waitTime;
        b.delay = delay;
        b.grace = grace;
        b.numeric = numeric;
        return b;
    }

    /** Mutable builder with paris-traceroute's defaults. */
    public static final class Builder {
        private String target;
        private int ipVersion = 0;
        private ProbeProtocol protocol = ProbeProtocol.UDP;
        private ProbeMethod method = ProbeMethod.PARIS;
        private Algorithm algorithm = Algorithm.CONCURRENT;
        private int firstTtl = 1;
        private int maxTtl = 30;
        private int maxMissingHops = 3;
        private int probesPerHop = 3;
        private int sourcePort = DEFAULT_SOURCE_PORT;
        private Integer destinationPort;
        private int tos = 0;
        private int flowLabel = 0;
        private int initialProbeId = 1;
        private int packetLength = 0;
        private Duration waitTime = Duration.ofSeconds(5);
        private Duration delay = Duration.ZERO;
        private Duration grace = Duration.ofMillis(100);
        private boolean numeric = false;

        private Builder(String target) {
            this.target = target;
        }

        public Builder target(String v) { target = v; return this; }
        public Builder ipVersion(int v) { ipVersion = v; return this; }
        public Builder protocol(ProbeProtocol v) { protocol = v; return this; }
        public Builder method(ProbeMethod v) { method = v; return this; }
        public Builder algorithm(Algorithm v) { algorithm = v; return this; }
        public Builder firstTtl(int v) { firstTtl = v; return this; }
        public Builder maxTtl(int v) { maxTtl = v; return this; }
        public Builder maxMissingHops(int v) { maxMissingHops = v; return this; }
        public Builder probesPerHop(int v) { probesPerHop = v; return this; }
        public Builder sourcePort(int v) { sourcePort = v; return this; }
        public Builder destinationPort(int v) { destinationPort = v; return this; }
        public Builder tos(int v) { tos = v; return this; }
        public Builder flowLabel(int v) { flowLabel = v; return this; }
        public Builder initialProbeId(int v) { initialProbeId = v; return this; }
        public Builder packetLength(int v) { packetLength = v; return this; }
        public Builder waitTime(Duration v) { waitTime = v; return this; }
        public Builder delay(Duration v) { delay = v; return this; }
        public Builder grace(Duration v) { grace = v; return this; }
        public Builder numeric(boolean v) { numeric = v; return this; }

        public TraceSettings build() {
            int dport = destinationPort != null ? destinationPort
                    : protocol == ProbeProtocol.TCP ? DEFAULT_TCP_PORT : DEFAULT_DESTINATION_PORT;
            return new TraceSettings(target, ipVersion, protocol, method, algorithm, firstTtl, maxTtl,
                    maxMissingHops, probesPerHop, sourcePort, dport, tos, flowLabel, initialProbeId,
                    packetLength, waitTime, delay, grace, numeric);
        }
    }
}
