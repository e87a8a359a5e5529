package org.hopscope.engine.transport.helper;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The helper's answer to {@code hello} (PROTOCOL.md §3.1): the session's version, which raw sockets
 * work, the limits it enforces, and whether it got its privilege at all.
 */
record HelperHello(
        int version,
        Set<String> caps,
        Set<String> missing,
        int rateLimit,
        int rateCeiling,
        int maxInFlight,
        int minPacket,
        int maxPacket,
        int maxTimeoutMs,
        boolean privileged) {

    /** The protocol version this engine speaks. */
    static final int ENGINE_VERSION = 1;

    static HelperHello parse(HelperLine line) throws HelperProtocolException {
        if (!line.kind().equals("hello")) {
            throw new HelperProtocolException("expected a hello answer, got: " + line);
        }
        return new HelperHello(
                (int) line.number("version"),
                names(line.value("caps")),
                names(line.value("missing")),
                (int) line.number("rate-limit"),
                (int) line.number("rate-ceiling"),
                (int) line.number("max-in-flight"),
                (int) line.number("min-packet"),
                (int) line.number("max-packet"),
                (int) line.number("max-timeout-ms"),
                "yes".equals(line.value("privileged")));
    }

    private static Set<String> names(String csv) {
        if (csv.equals("none")) {
            return Set.of();
        }
        return Set.copyOf(new LinkedHashSet<>(Arrays.asList(csv.split(","))));
    }

    boolean ipv4() {
        return caps.contains("ip4-send") && caps.contains("icmp-recv");
    }

    boolean ipv6() {
        return caps.contains("ip6-send") && caps.contains("icmp6-recv");
    }

    boolean tcp() {
        return caps.contains("tcp-recv");
    }
}
