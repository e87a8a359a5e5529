package org.hopscope.engine.graph;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a flow's path is not fixed by its flow identifier. A per-packet balancer sends one flow's
 * packets over several next hops; from that TTL on, until the paths meet again at a TTL with a single
 * interface, the probe of a flow at TTL t+1 need not have crossed the interface the same flow's probe
 * showed at TTL t, so pairing them can invent a link.
 *
 * <p>A TTL is spread if some flow answered from two interfaces there, or the TTL before was spread
 * and this one still has several interfaces. For classic probes every TTL with several interfaces
 * is spread: each probe is a flow of its own.
 */
final class Spread {
    private final Map<Integer, Boolean> spread = new HashMap<>();
    private final FlowTable table;

    Spread(FlowTable table) {
        this.table = table;
        boolean before = false;
        for (int ttl : table.cells.keySet()) {
            int width = table.addresses(ttl).size();
            boolean s = table.unstable(ttl) || (before && width > 1);
            if (width == 0) {
                s = before; // a silent TTL tells nothing either way
            }
            spread.put(ttl, s);
            before = s;
        }
    }

    boolean spread(int ttl) {
        return spread.getOrDefault(ttl, false);
    }

    /**
     * Whether a flow that answered from {@code a} at {@code ttl} and from {@code b} at {@code ttl +
     * gap} proves the link: the later probe crossed {@code a} if {@code a} is the only interface at
     * {@code ttl}, or the flow's path to {@code ttl} is fixed (not spread, one answer there); and any
     * path reaching {@code ttl + gap} crosses {@code b} if {@code b} is the only interface there.
     */
    boolean proves(FlowTable.Cell first, int ttl, int gap) {
        if (table.classic) {
            return false;
        }
        int widthBefore = table.addresses(ttl).size();
        int widthAfter = table.addresses(ttl + gap).size();
        if (widthBefore == 1 || widthAfter == 1) {
            return true;
        }
        return first.answers.size() == 1 && !spread(ttl);
    }
}
