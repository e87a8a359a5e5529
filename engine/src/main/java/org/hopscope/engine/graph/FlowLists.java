package org.hopscope.engine.graph;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hopscope.engine.format.AddressLiterals;
import org.hopscope.engine.probe.FlowId;

/**
 * paris-traceroute(8)'s exhaustive output: each interface followed by the flows that reached it,
 * {@code 10.0.0.1:0,1,3  0.539 ms  10.0.0.5:2,4,5  0.492 ms} — "flow #0 traverses interfaces ...".
 */
public final class FlowLists {
    private FlowLists() {
    }

    /** {@code address:flow,flow,...} */
    public static String entry(InetAddress address, Collection<FlowId> flows) {
        return AddressLiterals.format(address) + ":" + flows.stream().map(FlowId::toString).collect(Collectors.joining(","));
    }

    /**
     * One TTL's line without the TTL column: every interface with its flows and mean RTT, most
     * flows first; {@code *} when nothing answered.
     */
    public static String hopLine(HopLayer hop) {
        if (hop.interfaces().isEmpty()) {
            return "*";
        }
        List<HopInterface> ifs = new ArrayList<>(hop.interfaces());
        ifs.sort((a, b) -> Integer.compare(b.flows().size(), a.flows().size()));
        List<String> parts = new ArrayList<>();
        for (HopInterface i : ifs) {
            parts.add(entry(i.address(), i.flows())
                    + (Double.isNaN(i.avgRttMs()) ? "" : String.format(Locale.ROOT, "  %.3f ms", i.avgRttMs())));
        }
        return String.join("  ", parts);
    }

    /** Every TTL, {@code %2d  line}, one per line, as paris-traceroute prints a multipath trace. */
    public static String render(MultipathTopology t) {
        StringBuilder sb = new StringBuilder();
        for (HopLayer h : t.hops()) {
            sb.append(String.format(Locale.ROOT, "%2d  ", h.ttl())).append(hopLine(h)).append('\n');
        }
        return sb.toString();
    }
}
