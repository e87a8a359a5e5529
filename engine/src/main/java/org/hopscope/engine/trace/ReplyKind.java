package org.hopscope.engine.trace;

/** What kind of packet answered a probe. */
public enum ReplyKind {
    /** ICMP time exceeded in transit (v4 type 11 code 0, v6 type 3 code 0): a router on the path. */
    TIME_EXCEEDED,
    /** ICMP destination unreachable (v4 type 3, v6 type 1); the code says why. */
    DEST_UNREACHABLE,
    /** ICMP parameter problem (v4 type 12, v6 type 4). */
    PARAMETER_PROBLEM,
    /** ICMPv6 packet too big (type 2). */
    PACKET_TOO_BIG,
    /** ICMP echo reply: the destination answered an ICMP probe. */
    ECHO_REPLY,
    /** TCP SYN-ACK: the destination port is open. */
    TCP_SYN_ACK,
    /** TCP RST: the destination port is closed (or a middlebox reset). */
    TCP_RST,
    /** A TCP segment with ACK only (in-session probing). */
    TCP_ACK
}
