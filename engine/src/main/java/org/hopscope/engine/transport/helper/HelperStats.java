package org.hopscope.engine.transport.helper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The helper's counters since it started (PROTOCOL.md §3.5), e.g. {@code foreign}: packets seen on
 * the raw sockets that answered none of this session's probes and were dropped.
 */
public record HelperStats(Map<String, Long> counters) {

    public HelperStats {
        counters = Map.copyOf(counters);
    }

    static HelperStats parse(HelperLine line) {
        Map<String, Long> m = new LinkedHashMap<>();
        line.pairs().forEach((k, v) -> {
            try {
                m.put(k, Long.parseLong(v));
            } catch (NumberFormatException e) {
                // a counter added later in another form: ignored (§8)
            }
        });
        return new HelperStats(m);
    }

    /** The counter, or 0 when this helper does not report it. */
    public long get(String name) {
        return counters.getOrDefault(name, 0L);
    }

    public long sent() {
        return get("sent");
    }

    public long replies() {
        return get("replies");
    }

    public long foreign() {
        return get("foreign");
    }

    public long rejected() {
        return get("rejected");
    }
}
