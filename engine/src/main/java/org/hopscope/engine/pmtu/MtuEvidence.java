package org.hopscope.engine.pmtu;

/** How a hop's MTU was learned. */
public enum MtuEvidence {
    /** Probes of the current size crossed the link: no reduction here. */
    PASSED,
    /** The hop sent ICMP fragmentation needed (type 3 code 4) with its next-hop MTU. */
    FRAGMENTATION_NEEDED,
    /** The hop sent ICMPv6 packet too big with its MTU. */
    PACKET_TOO_BIG,
    /**
     * Found by binary search: the hop said "too big" without a usable MTU, or big probes vanished
     * where small ones were answered (an MTU black hole).
     */
    SEARCHED,
    /** The hop never answered; the MTU shown is the path's so far. */
    SILENT
}
