package org.hopscope.engine.sim;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One node of a simulated network, as declared on a {@code source}, {@code router} or {@code host}
 * line of a topology file (see docs/simulated-network.md for every option and its default).
 *
 * @param name unique name, used by {@code link} and {@code mpls} lines
 * @param kind what the node is
 * @param ipv4 its IPv4 address, or null
 * @param ipv6 its IPv6 address, or null
 * @param initialTtl TTL (hop limit) of the packets it originates: 255 for routers, 64 for hosts unless set
 * @param quote how much of a packet its ICMP errors quote
 * @param silent it never sends ICMP (time exceeded, unreachables, echo replies); it still forwards
 * @param rateLimit token bucket on the ICMP it sends, or null for none
 * @param loss probability that a packet arriving at it (probe or reply) is lost
 * @param zeroTtl it forwards a packet received with TTL 1 as TTL 0 instead of answering
 * @param rules firewall/routing rules on the packets it forwards (hosts: on packets addressed to it)
 * @param balancer how it picks among several next hops toward a destination
 * @param nat source NAT on the packets it forwards away from the prober, or null
 * @param udpOpen hosts: UDP ports with a listener (no answer); other ports answer port unreachable
 * @param tcpOpen hosts: TCP ports that answer SYN-ACK; other ports answer RST
 * @param echo whether it answers ICMP echo requests addressed to it
 * @param icmpDelayNanos extra time it takes to generate an ICMP message (control-plane slow path)
 * @param line the line it was declared on
 */
public record Node(
        String name,
        Kind kind,
        Inet4Address ipv4,
        Inet6Address ipv6,
        int initialTtl,
        Quote quote,
        boolean silent,
        RateLimit rateLimit,
        double loss,
        boolean zeroTtl,
        List<Rule> rules,
        Balancer balancer,
        Nat nat,
        PortSet udpOpen,
        PortSet tcpOpen,
        boolean echo,
        long icmpDelayNanos,
        int line) {

    public Node {
        rules = List.copyOf(rules);
    }

    /** What a node is. */
    public enum Kind {
        /** The prober: probes leave from it and replies end at it. */
        SOURCE,
        /** Forwards packets, decrements TTLs, answers with ICMP errors. */
        ROUTER,
        /** An end host: a destination that forwards nothing. */
        HOST
    }

    /** Its IPv6 or IPv4 address, if it has one. */
    public Optional<InetAddress> address(boolean ipv6) {
        return Optional.ofNullable(ipv6 ? ipv6() : ipv4());
    }

    /** Whether {@code a} is one of its addresses. */
    public boolean hasAddress(InetAddress a) {
        return a.equals(ipv4) || a.equals(ipv6);
    }

    /**
     * How much of the offending packet an ICMP error quotes.
     *
     * @param bytes for {@link Mode#BYTES}: the original datagram bytes to quote at most
     */
    public record Quote(Mode mode, int bytes) {
        /** The IP header and the first 8 octets of its payload (RFC 792). */
        public static final Quote RFC792 = new Quote(Mode.RFC792, 0);
        /**
         * As much as fits in a 576-octet IPv4 reply (RFC 1812 §4.3.2.3, what Linux does) or a
         * 1280-octet IPv6 reply (RFC 4443 §2.4(c)).
         */
        public static final Quote FULL = new Quote(Mode.FULL, 0);

        public enum Mode { RFC792, FULL, BYTES }

        /** Bytes of a packet of {@code length} (with an IP header of {@code headerLength}) to quote. */
        int quoteLength(int length, int headerLength, boolean ipv6) {
            int cap = switch (mode) {
                case RFC792 -> headerLength + 8;
                case FULL -> ipv6 ? 1280 - 40 - 8 : 576 - 20 - 8;
                case BYTES -> bytes;
            };
            return Math.min(length, cap);
        }
    }

    /** Token bucket: {@code perSecond} tokens a second, at most {@code burst} saved; one per ICMP sent. */
    public record RateLimit(double perSecond, int burst) {
    }

    /**
     * A rule on forwarded packets: drop them silently, or answer destination unreachable.
     *
     * @param protocols IP protocol numbers it applies to (ICMPv6 counts as ICMP); empty means all
     * @param unreachable the answer, or null to drop silently
     */
    public record Rule(Set<Integer> protocols, Unreachable unreachable) {
        public Rule {
            protocols = Set.copyOf(protocols);
        }

        boolean matches(int protocol) {
            return protocols.isEmpty() || protocols.contains(protocol);
        }
    }

    /**
     * A destination-unreachable answer, with its ICMPv4 and ICMPv6 forms.
     *
     * @param name as written in the file (net, host, admin, ...)
     * @param v4Code ICMPv4 type 3 code
     * @param v6Type ICMPv6 type (1 destination unreachable; 4 parameter problem for "proto")
     * @param v6Code ICMPv6 code
     * @param routingFailure net and host: the router has no route, so it answers before looking at
     *     the TTL (like Linux); other codes are filter rules applied after the TTL check
     */
    public record Unreachable(String name, int v4Code, int v6Type, int v6Code, boolean routingFailure) {
    }

    /**
     * How a node chooses among several next hops toward a destination.
     *
     * @param fields per-flow: the header fields hashed
     * @param seed per-flow and random: a seed for this node; empty to derive one from the topology
     *     seed and the node's name
     */
    public record Balancer(Mode mode, Set<HashField> fields, OptionalLong seed) {
        public static final Set<HashField> DEFAULT_FIELDS = Set.of(HashField.SRC, HashField.DST, HashField.PROTO,
                HashField.SPORT, HashField.DPORT, HashField.TOS);
        public static final Balancer DEFAULT = new Balancer(Mode.PER_FLOW, DEFAULT_FIELDS, OptionalLong.empty());

        public Balancer {
            fields = Set.copyOf(fields);
        }

        public enum Mode {
            /** A hash of the flow fields picks the next hop: one flow, one path. */
            PER_FLOW,
            /** Each packet goes to the next next-hop in turn. */
            ROUND_ROBIN,
            /** Each packet goes to a random next hop (seeded). */
            RANDOM
        }
    }

    /** Header fields a per-flow balancer can hash. */
    public enum HashField {
        SRC, DST, PROTO, SPORT, DPORT, TOS,
        /** The first four octets of the ICMP header: type, code and checksum. */
        ICMP,
        /** The IPv6 flow label. */
        FLOWLABEL
    }

    /**
     * Source NAT (NAT44) on packets leaving toward the destinations.
     *
     * @param publicAddress the address probes leave with
     * @param portBase 0 to keep ports and ICMP identifiers; else mapped ones are allocated from it
     * @param fixup what it translates back inside the packet quoted by an ICMP error
     */
    public record Nat(Inet4Address publicAddress, int portBase, Fixup fixup) {
        public enum Fixup {
            /** Quoted source address, port, IP header checksum and transport checksum (like Linux). */
            FULL,
            /** Quoted address, port and IP header checksum, not the transport checksum. */
            ADDRESSES,
            /** Nothing inside the quote: only the outer destination ("broken NAT", Dublin's --broken-nat). */
            NONE
        }
    }

    /** A set of ports written as "53,33434-33534", "none" or "all". */
    public record PortSet(List<int[]> ranges, String text) {
        public static final PortSet NONE = new PortSet(List.of(), "none");
        public static final PortSet ALL = new PortSet(List.<int[]>of(new int[] {0, 65535}), "all");

        public PortSet {
            ranges = List.copyOf(ranges);
        }

        public boolean contains(int port) {
            for (int[] r : ranges) {
                if (port >= r[0] && port <= r[1]) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
