package org.hopscope.engine.check;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.hopscope.engine.enrich.ReservedRanges;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;

/**
 * Cuts a path's hops into the helpdesk's segments.
 *
 * <ul>
 * <li>local network: hop 1 (the gateway), and the hops after it that are still in private ranges
 *     (RFC 1918: a second NAT router, a mesh node);</li>
 * <li>service: the destination's own hop, when it answered;</li>
 * <li>with AS numbers (enrichment): ISP edge = routers in the first AS after the local network,
 *     destination network = routers in the destination's AS, transit = the rest;</li>
 * <li>without: ISP edge = the first router after the local network, destination network = the last
 *     router before a reached destination (when at least two routers remain), transit = the rest.</li>
 * </ul>
 */
final class PathSegments {
    private PathSegments() {
    }

    /** ttl -> segment, for every hop up to the destination (silent hops included). */
    static Map<SegmentKind, List<Integer>> of(List<HopSnapshot> hops, InetAddress target,
            Function<InetAddress, OptionalLong> asn) {
        Map<SegmentKind, List<Integer>> out = new EnumMap<>(SegmentKind.class);
        for (SegmentKind k : SegmentKind.values()) {
            out.put(k, new ArrayList<>());
        }
        List<HopSnapshot> path = new ArrayList<>();
        boolean reached = false;
        for (HopSnapshot h : hops) {
            path.add(h);
            if (h.reachedDestination()) {
                reached = true;
                break;
            }
        }
        // Trailing silent hops after the last answer are not part of the measured path.
        while (!reached && !path.isEmpty() && path.get(path.size() - 1).interfaces().isEmpty()) {
            path.remove(path.size() - 1);
        }
        if (path.isEmpty()) {
            return out;
        }
        int i = 0;
        out.get(SegmentKind.LOCAL_NETWORK).add(path.get(0).ttl().value());
        i = 1;
        while (i < path.size() - (reached ? 1 : 0) && isPrivate(path.get(i))) {
            out.get(SegmentKind.LOCAL_NETWORK).add(path.get(i).ttl().value());
            i++;
        }
        int end = reached ? path.size() - 1 : path.size();
        if (reached && path.size() > 1) {
            out.get(SegmentKind.SERVICE).add(path.get(path.size() - 1).ttl().value());
        }
        List<HopSnapshot> routers = path.subList(Math.min(i, end), end);
        OptionalLong targetAs = asn.apply(target);
        OptionalLong firstAs = routers.stream().map(h -> asOf(h, asn)).filter(OptionalLong::isPresent).findFirst()
                .orElse(OptionalLong.empty());
        if (firstAs.isPresent() && targetAs.isPresent()) {
            boolean leftIsp = false;
            for (HopSnapshot h : routers) {
                OptionalLong a = asOf(h, asn);
                int ttl = h.ttl().value();
                if (a.isPresent() && a.getAsLong() == targetAs.getAsLong()) {
                    out.get(SegmentKind.DESTINATION_NETWORK).add(ttl);
                    leftIsp = true;
                } else if (!leftIsp && (a.isEmpty() || a.getAsLong() == firstAs.getAsLong())) {
                    out.get(SegmentKind.ISP_EDGE).add(ttl);
                } else {
                    leftIsp = true;
                    out.get(SegmentKind.TRANSIT).add(ttl);
                }
            }
            return out;
        }
        for (int k = 0; k < routers.size(); k++) {
            int ttl = routers.get(k).ttl().value();
            if (k == 0) {
                out.get(SegmentKind.ISP_EDGE).add(ttl);
            } else if (reached && k == routers.size() - 1) {
                out.get(SegmentKind.DESTINATION_NETWORK).add(ttl);
            } else {
                out.get(SegmentKind.TRANSIT).add(ttl);
            }
        }
        return out;
    }

    private static boolean isPrivate(HopSnapshot h) {
        return !h.interfaces().isEmpty() && h.interfaces().stream().map(InterfaceSnapshot::address)
                .allMatch(a -> ReservedRanges.classify(a).map(r -> r.label().equals("private")).orElse(false));
    }

    private static OptionalLong asOf(HopSnapshot h, Function<InetAddress, OptionalLong> asn) {
        return h.interfaces().stream().map(i -> asn.apply(i.address())).filter(OptionalLong::isPresent).findFirst()
                .orElse(OptionalLong.empty());
    }
}
