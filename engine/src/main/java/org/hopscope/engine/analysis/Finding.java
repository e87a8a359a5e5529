package org.hopscope.engine.analysis;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hopscope.engine.format.AddressLiterals;

/**
 * One thing {@link PathAnalysis} found in a trace: a sentence a helpdesk agent can paste into a
 * ticket ({@link #text}), the evidence it rests on ({@link #evidence}), where ({@link #ttl}, {@link
 * #addresses}) and how much it matters ({@link #severity}).
 *
 * <p>The set of kinds is closed ({@link Kind} is an enum): a consumer (GUI, helpdesk check) can
 * switch over it and be told by the compiler's exhaustiveness warnings when one is added.
 *
 * @param kind what was found
 * @param severity how much it matters
 * @param ttl the hop it is reported at (the first one when it spans several), or 0 for the whole trace
 * @param addresses the interfaces named, in the order the text names them
 * @param text one plain sentence (or two), no jargon beyond hop numbers and addresses
 * @param evidence what was measured: quoted fields, counts, probe sequence numbers
 */
public record Finding(Kind kind, Severity severity, int ttl, List<InetAddress> addresses, String text,
        String evidence) {

    public Finding {
        addresses = List.copyOf(addresses);
        if (kind == null || severity == null || text == null || evidence == null) {
            throw new IllegalArgumentException("kind, severity, text and evidence are required");
        }
    }

    /** The category a kind belongs to, for grouping in a view. */
    public enum Category {
        /** Facts about the path: middleboxes, tunnels, interface details. */
        PATH,
        /** Things that look wrong (or would to a reader) and why. */
        ANOMALY,
        /** Loss and reachability verdicts. */
        LOSS
    }

    /** What a finding is about. */
    public enum Kind {
        /** A NAT rewrote our probes (Dublin traceroute: the quoted checksum changed). */
        NAT(Category.PATH),
        /** A NAT that does not translate the packet quoted in ICMP errors back (quoted source is not ours). */
        BROKEN_NAT(Category.PATH),
        /** Routers that showed an MPLS label stack (RFC 4950). */
        MPLS_TUNNEL(Category.PATH),
        /** An MPLS tunnel without labels, seen from quoted TTLs above 1. */
        IMPLICIT_MPLS_TUNNEL(Category.PATH),
        /** An egress router's label TTL says LSRs were hidden (no TTL propagation). */
        HIDDEN_MPLS_TUNNEL(Category.PATH),
        /** RFC 5837 interface name, index or MTU a router reported. */
        INTERFACE_INFO(Category.PATH),
        /** Replies came back over a different number of hops than the probes went. */
        ASYMMETRIC_RETURN(Category.PATH),
        /** A load-balanced section of the path (a diamond). */
        DIAMOND(Category.PATH),
        /** A balancer that spreads the packets of one flow (reordering, jitter). */
        PER_PACKET_BALANCER(Category.ANOMALY),
        /** A router forwarded a packet whose TTL had expired (quoted TTL 0, "!T0"). */
        ZERO_TTL_FORWARDING(Category.ANOMALY),
        /** One flow met the same address at two consecutive hops. */
        LOOP(Category.ANOMALY),
        /** One flow met the same address at two hops with others in between. */
        CYCLE(Category.ANOMALY),
        /** A link classic probing shows that flow-constant probing never confirms. */
        FALSE_LINK(Category.ANOMALY),
        /** A router answered destination unreachable (!H, !N, !P, !X ...). */
        UNREACHABLE(Category.ANOMALY),
        /** Hops that never answer although the path continues beyond them. */
        MISSING_HOPS(Category.ANOMALY),
        /** Loss at a hop that does not continue downstream: ICMP rate limiting, not a fault. */
        RATE_LIMITED(Category.LOSS),
        /** Loss that starts at a hop and continues to the destination: real loss. */
        PERSISTENT_LOSS(Category.LOSS),
        /** The path answers up to a point and nothing answers beyond, without an unreachable: a filter. */
        FILTERED(Category.LOSS),
        /** The destination answered every probe it was sent that reached it. */
        REACHED(Category.LOSS);

        private final Category category;

        Kind(Category category) {
            this.category = category;
        }

        public Category category() {
            return category;
        }
    }

    /** How much a finding matters to someone chasing a fault. */
    public enum Severity {
        /** A fact worth knowing. */
        INFO,
        /** Looks odd but is harmless (rate limiting, silent hops, artefacts of the probing). */
        NOTICE,
        /** May hurt some traffic (per-packet balancing, filtering). */
        WARNING,
        /** A real fault: persistent loss, an unreachable destination. */
        PROBLEM
    }

    /** {@code [severity] hop N: text (evidence)} as the CLI prints it. */
    public String line() {
        String where = ttl > 0 ? "hop " + ttl + ": " : "";
        return "[" + severity.name().toLowerCase(Locale.ROOT) + "] " + where + text
                + (evidence.isEmpty() ? "" : " (" + evidence + ")");
    }

    static String addressList(List<InetAddress> as) {
        return as.stream().map(AddressLiterals::format).collect(Collectors.joining(", "));
    }
}
