package org.hopscope.engine.trace;

/** One MPLS label stack entry a router reported in an RFC 4950 ICMP extension. */
public record MplsEntry(int label, int trafficClass, boolean bottomOfStack, int ttl) {
    /** paris-traceroute's notation: {@code MPLS Label 27121 TTL=1}. */
    @Override
    public String toString() {
        return "MPLS Label " + label + " TTL=" + ttl;
    }
}
