package org.hopscope.app.gui.model;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.TraceSnapshot;

/** Two traces side by side, hop by hop: which addresses answered in each, and where the route changed. */
public final class RouteComparison {
    /** One hop of both traces; {@code changed} when the sets of answering addresses differ. */
    public record Row(int ttl, String left, String right, double leftAvgMs, double rightAvgMs, boolean changed) {
    }

    private RouteComparison() {
    }

    public static List<Row> compare(TraceSnapshot a, TraceSnapshot b) {
        TreeMap<Integer, HopSnapshot[]> byTtl = new TreeMap<>();
        for (HopSnapshot h : a.hops()) {
            byTtl.computeIfAbsent(h.ttl().value(), t -> new HopSnapshot[2])[0] = h;
        }
        for (HopSnapshot h : b.hops()) {
            byTtl.computeIfAbsent(h.ttl().value(), t -> new HopSnapshot[2])[1] = h;
        }
        List<Row> rows = new ArrayList<>();
        for (var e : byTtl.entrySet()) {
            HopSnapshot l = e.getValue()[0];
            HopSnapshot r = e.getValue()[1];
            Set<String> la = addresses(l);
            Set<String> ra = addresses(r);
            boolean changed = !la.equals(ra) && !(la.isEmpty() || ra.isEmpty()) || (l == null) != (r == null);
            rows.add(new Row(e.getKey(), text(l, la), text(r, ra), l == null ? Double.NaN : l.stats().avgMs(),
                    r == null ? Double.NaN : r.stats().avgMs(), changed));
        }
        return rows;
    }

    public static List<Integer> changedHops(List<Row> rows) {
        return rows.stream().filter(Row::changed).map(Row::ttl).toList();
    }

    private static Set<String> addresses(HopSnapshot h) {
        if (h == null) {
            return Set.of();
        }
        return h.interfaces().stream().map(InterfaceSnapshot::address).map(InetAddress::getHostAddress)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String text(HopSnapshot h, Set<String> addrs) {
        if (h == null) {
            return "—";
        }
        return addrs.isEmpty() ? "*" : String.join(", ", addrs);
    }
}
