package org.hopscope.app.gui.model;

import java.net.InetAddress;
import java.util.Set;

/**
 * One line of the hop table. A hop answered by one address is one {@link Kind#HOP} row; a hop with
 * several (load balancing) is a HOP row with the hop's totals followed by one {@link Kind#INTERFACE}
 * sub-row per address with its share of the flows.
 *
 * @param address the answering address, null for a summary or silent row
 * @param addressText literal(s) as shown (masked if needed), "*" for silence
 * @param share fraction of the hop's flows that went through this address, NaN for summaries
 * @param asn autonomous system, "" until enrichment provides it
 */
public record HopRow(
        Kind kind,
        int ttl,
        String host,
        InetAddress address,
        String addressText,
        double share,
        String asn,
        double lossPercent,
        int sent,
        int received,
        double lastMs,
        double avgMs,
        double bestMs,
        double worstMs,
        double stddevMs,
        double jitterMs,
        String mpls,
        Set<Badge> badges,
        LatencyThresholds.Level level) {

    public enum Kind { HOP, INTERFACE }

    public HopRow {
        badges = Set.copyOf(badges);
    }

    public boolean isSubRow() {
        return kind == Kind.INTERFACE;
    }

    /** The hop number cell: shown on the hop's first row only. */
    public String hopText() {
        return kind == Kind.HOP ? Integer.toString(ttl) : "";
    }

    public String shareText() {
        return Double.isNaN(share) ? "" : Math.round(share * 100) + "%";
    }
}
