package org.hopscope.engine.insession;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One probe: which connection ({@code flow}, its {@code sourcePort}), round and TTL, its sequence
 * number, and what answered it, if anything.
 */
public record InSessionProbe(int flow, int sourcePort, int round, int ttl, long sequence, Optional<Answer> answer) {

    /** Who answered: a router (ICMP time exceeded or unreachable) or the destination (SACK). */
    public enum Kind { TIME_EXCEEDED, UNREACHABLE, DESTINATION }

    public record Answer(InetAddress from, Kind kind, long rttNanos) {
    }

    public InSessionProbe answered(Answer a) {
        return new InSessionProbe(flow, sourcePort, round, ttl, sequence, Optional.of(a));
    }
}
