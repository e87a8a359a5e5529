package org.hopscope.engine.check;

/**
 * Why a segment got its status: the category tests and the GUI key on (the sentence is for people).
 */
public enum Reason {
    /** Nothing wrong measured. */
    OK,
    /** Loss that starts at this segment and persists to the destination. */
    PACKET_LOSS,
    /** A latency rise that starts here and persists to the destination. */
    HIGH_LATENCY,
    /** A hop here drops probes but later hops do not: ICMP rate limiting or control-plane policing, harmless. */
    LOSS_NOT_PERSISTENT,
    /** Nothing answers beyond this segment and the service cannot be reached either. */
    NO_REPLY,
    /** Trace probes do not get through (filtered), yet the service answers: not a fault. */
    PROBES_FILTERED,
    /** The name does not exist (NXDOMAIN) or has no address. */
    NAME_NOT_FOUND,
    /** No DNS server answered in time, or all failed. */
    DNS_FAILED,
    /** Resolution worked but was slow. */
    DNS_SLOW,
    /** The service's host answers, but refuses the TCP port (RST). */
    PORT_CLOSED,
    /** The TCP connection did not complete in time. */
    CONNECT_TIMEOUT,
    /** The TCP connection failed for another reason (no route, unreachable). */
    CONNECT_FAILED,
    /** The segment could not be measured (e.g. the name did not resolve, or the path is too short to have it). */
    NOT_MEASURED
}
