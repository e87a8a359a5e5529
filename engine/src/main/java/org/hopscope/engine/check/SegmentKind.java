package org.hopscope.engine.check;

/** The parts of a path a helpdesk talks about, in path order. */
public enum SegmentKind {
    /** The user's own network up to and including the default gateway. */
    LOCAL_NETWORK,
    /** The first hops of the access provider after the gateway. */
    ISP_EDGE,
    /** Everything between the ISP edge and the destination network. */
    TRANSIT,
    /** The routers in front of the service (the destination's AS, or the last router). */
    DESTINATION_NETWORK,
    /** The service itself: name resolution, the host, the TCP port. */
    SERVICE
}
