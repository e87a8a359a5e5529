package org.hopscope.engine.packet;

/** IANA protocol numbers: IPv4 protocol field / IPv6 next header. */
public final class IpProtocol {
    private IpProtocol() {
    }

    /** IPv6 hop-by-hop options header (RFC 8200 §4.3). */
    public static final int HOP_BY_HOP = 0;
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    /** IPv6 routing header (RFC 8200 §4.4). */
    public static final int IPV6_ROUTING = 43;
    /** IPv6 fragment header (RFC 8200 §4.5). */
    public static final int IPV6_FRAGMENT = 44;
    public static final int ICMPV6 = 58;
    /** IPv6 "no next header" (RFC 8200 §4.7). */
    public static final int IPV6_NO_NEXT_HEADER = 59;
    /** IPv6 destination options header (RFC 8200 §4.6). */
    public static final int IPV6_DESTINATION_OPTIONS = 60;

    /** A short name for logs and exports; "proto-N" for numbers without one. */
    public static String name(int protocol) {
        switch (protocol) {
            case HOP_BY_HOP: return "hop-by-hop";
            case ICMP: return "icmp";
            case TCP: return "tcp";
            case UDP: return "udp";
            case IPV6_ROUTING: return "ipv6-route";
            case IPV6_FRAGMENT: return "ipv6-frag";
            case ICMPV6: return "icmpv6";
            case IPV6_NO_NEXT_HEADER: return "ipv6-nonxt";
            case IPV6_DESTINATION_OPTIONS: return "ipv6-opts";
            default: return "proto-" + protocol;
        }
    }
}
