package org.hopscope.engine.enrich;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;

/**
 * Groups consecutive hops by AS. Pure functions.
 *
 * <p>Rules: a hop's AS is that of its most-answering interface with a known AS. Consecutive hops of
 * the same AS form one segment. A run of hops with no AS (silent, private, not yet looked up) lying
 * between two hops of the same AS belongs to that AS (a provider's silent or privately addressed core
 * router); any other such run forms its own segment, split where its label changes.
 */
public final class AsSegments {
    /** The AS facts of one hop, the input of {@link #group}. */
    public record HopAs(int ttl, Optional<AsInfo> as, String label) {
    }

    public static final String NO_REPLY = "no reply";
    public static final String UNKNOWN = "unknown";

    private AsSegments() {
    }

    /** Segments of a trace's hops, with the ASes an enrichment knows. */
    public static List<AsSegment> of(List<HopSnapshot> hops, Enrichment enrichment) {
        List<HopAs> in = new ArrayList<>();
        for (HopSnapshot h : hops) {
            in.add(hopAs(h, enrichment));
        }
        return group(in);
    }

    static HopAs hopAs(HopSnapshot h, Enrichment e) {
        int ttl = h.ttl().value();
        for (InterfaceSnapshot i : h.interfaces()) { // most replies first
            Optional<AsInfo> as = e.as(i.address());
            if (as.isPresent()) {
                return new HopAs(ttl, as, as.get().toString());
            }
        }
        if (h.interfaces().isEmpty()) {
            return new HopAs(ttl, Optional.empty(), NO_REPLY);
        }
        InetAddress top = h.interfaces().get(0).address();
        return new HopAs(ttl, Optional.empty(), e.reserved(top).map(ReservedRange::label).orElse(UNKNOWN));
    }

    /** Groups hops, given in TTL order, into segments. */
    public static List<AsSegment> group(List<HopAs> hops) {
        int n = hops.size();
        // Fill gaps: an unknown run bounded on both sides by the same AS takes that AS.
        List<Optional<AsInfo>> as = new ArrayList<>();
        for (HopAs h : hops) {
            as.add(h.as());
        }
        int i = 0;
        while (i < n) {
            if (as.get(i).isPresent()) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && as.get(j).isEmpty()) {
                j++;
            }
            if (i > 0 && j < n && as.get(i - 1).get().number() == as.get(j).get().number()) {
                for (int k = i; k < j; k++) {
                    as.set(k, as.get(i - 1));
                }
            }
            i = j;
        }
        List<AsSegment> out = new ArrayList<>();
        List<Integer> ttls = new ArrayList<>();
        Optional<AsInfo> curAs = Optional.empty();
        String curLabel = null;
        for (int k = 0; k < n; k++) {
            Optional<AsInfo> a = as.get(k);
            String label = a.map(AsInfo::toString).orElse(hops.get(k).label());
            boolean same = curLabel != null && (a.isPresent() && curAs.isPresent()
                    ? a.get().number() == curAs.get().number()
                    : a.isEmpty() && curAs.isEmpty() && label.equals(curLabel));
            if (!same && curLabel != null) {
                out.add(new AsSegment(curAs, curLabel, ttls));
                ttls = new ArrayList<>();
            }
            if (!same) {
                curAs = a;
                curLabel = label;
            }
            ttls.add(hops.get(k).ttl());
        }
        if (curLabel != null) {
            out.add(new AsSegment(curAs, curLabel, ttls));
        }
        return out;
    }
}
