package org.hopscope.engine.mda;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a multipath run's probes went: per TTL and per {@link ProbePurpose}. The benchmark prints it
 * so a probe count can be explained, not only compared.
 */
public final class ProbeLedger {
    private final Map<Integer, Map<ProbePurpose, Integer>> counts = new TreeMap<>();

    void add(int ttl, ProbePurpose p, int n) {
        counts.computeIfAbsent(ttl, t -> new EnumMap<>(ProbePurpose.class)).merge(p, n, Integer::sum);
    }

    /** Probes sent at {@code ttl} for {@code p}. */
    public int count(int ttl, ProbePurpose p) {
        return counts.getOrDefault(ttl, Map.of()).getOrDefault(p, 0);
    }

    /** Probes sent for {@code p} at any TTL. */
    public int total(ProbePurpose p) {
        return counts.values().stream().mapToInt(m -> m.getOrDefault(p, 0)).sum();
    }

    public int total() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }

    /** One line per TTL, e.g. {@code ttl 2: DISCOVERY 11, CLASSIFY 5}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        counts.forEach((ttl, m) -> {
            b.append(String.format(Locale.ROOT, "ttl %2d:", ttl));
            m.forEach((p, n) -> b.append(' ').append(p.name().toLowerCase(Locale.ROOT)).append(' ').append(n));
            b.append('\n');
        });
        return b.toString();
    }
}
