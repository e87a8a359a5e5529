package org.hopscope.engine.enrich;

import java.util.List;
import java.util.Optional;

/**
 * A run of consecutive hops in one AS (or, for hops with no AS, one kind of unknown), for the
 * topology view.
 *
 * @param as the AS, empty for a run of hops with none
 * @param label what to show: "AS15169 GOOGLE - Google LLC, US", a reserved-range label ("private"),
 *     "unknown" (answered, no AS known) or "no reply" (silent hops)
 * @param ttls the hops' TTLs, ascending
 */
public record AsSegment(Optional<AsInfo> as, String label, List<Integer> ttls) {
    public AsSegment {
        ttls = List.copyOf(ttls);
        if (ttls.isEmpty()) {
            throw new IllegalArgumentException("a segment has at least one hop");
        }
    }

    public int firstTtl() {
        return ttls.get(0);
    }

    public int lastTtl() {
        return ttls.get(ttls.size() - 1);
    }

    public int hopCount() {
        return ttls.size();
    }
}
