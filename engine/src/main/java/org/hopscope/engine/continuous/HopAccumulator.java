package org.hopscope.engine.continuous;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.Ttl;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.MplsEntry;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.Reply;
import org.hopscope.engine.trace.RttAccumulator;

/**
 * Statistics of one TTL over every round, in constant memory per address: Welford accumulators, not
 * samples. The number of addresses kept per hop is capped, so a path that changes every round (a
 * per-packet balancer, a spoofing middlebox) still cannot grow it without bound.
 */
final class HopAccumulator {
    static final int MAX_ADDRESSES = 64;
    private static final int MAX_MPLS_STACKS = 8;
    private static final int MAX_FLOWS = 256;

    private final int ttl;
    private final RttAccumulator stats = new RttAccumulator();
    private final Map<InetAddress, Iface> interfaces = new LinkedHashMap<>();
    /** Index of each address in {@link #addressList}, stable for the run; feeds {@link RoundHistory}. */
    private final List<InetAddress> addressList = new ArrayList<>();

    HopAccumulator(int ttl) {
        this.ttl = ttl;
    }

    private static final class Iface {
        final RttAccumulator stats = new RttAccumulator();
        final Set<FlowId> flows = new TreeSet<>();
        final Set<Integer> quotedTtls = new TreeSet<>();
        final Set<Integer> replyTtls = new TreeSet<>();
        final Set<List<MplsEntry>> mpls = new LinkedHashSet<>();
        final Set<String> marks = new TreeSet<>();
        boolean destination;
    }

    /** Adds one completed probe; returns the index of the answering address (or NO_ADDRESS). */
    short add(ProbeRecord p) {
        switch (p.outcome()) {
            case ANSWERED -> {
                Reply r = p.reply();
                stats.addSent();
                stats.addReply(r.rttMillis());
                Iface f = interfaces.get(r.from());
                if (f == null && interfaces.size() < MAX_ADDRESSES) {
                    f = new Iface();
                    interfaces.put(r.from(), f);
                    addressList.add(r.from());
                }
                if (f == null) {
                    return RoundHistory.NO_ADDRESS;
                }
                f.stats.addSent();
                f.stats.addReply(r.rttMillis());
                if (f.flows.size() < MAX_FLOWS) {
                    f.flows.add(p.flowId());
                }
                if (r.quotedTtl() >= 0) {
                    f.quotedTtls.add(r.quotedTtl());
                }
                f.replyTtls.add(r.replyTtl());
                if (!r.mpls().isEmpty() && f.mpls.size() < MAX_MPLS_STACKS) {
                    f.mpls.add(r.mpls());
                }
                String mark = r.unreachableMark();
                if (!mark.isEmpty()) {
                    f.marks.add(mark);
                }
                f.destination |= r.fromDestination();
                return (short) addressList.indexOf(r.from());
            }
            case TIMED_OUT, SEND_FAILED -> stats.addSent();
            default -> { }
        }
        return RoundHistory.NO_ADDRESS;
    }

    boolean hasReplies() {
        return !interfaces.isEmpty();
    }

    boolean reachesDestination() {
        return interfaces.values().stream().anyMatch(f -> f.destination);
    }

    InetAddress address(short index) {
        return index < 0 || index >= addressList.size() ? null : addressList.get(index);
    }

    /** The interface as seen over all rounds, with {@code stats} replaced by the caller's. */
    InterfaceSnapshot interfaceSnapshot(InetAddress a, org.hopscope.engine.trace.RttStats override) {
        Iface f = interfaces.get(a);
        org.hopscope.engine.trace.RttStats st = override != null ? override : f.stats.snapshot();
        return new InterfaceSnapshot(a, new TreeSet<>(f.flows), st.received(), st, new TreeSet<>(f.quotedTtls),
                new TreeSet<>(f.replyTtls), new ArrayList<>(f.mpls), new TreeSet<>(f.marks), f.destination);
    }

    HopSnapshot snapshot() {
        List<InterfaceSnapshot> list = new ArrayList<>();
        for (InetAddress a : interfaces.keySet()) {
            list.add(interfaceSnapshot(a, null));
        }
        list.sort(Comparator.comparingInt(InterfaceSnapshot::replies).reversed());
        return new HopSnapshot(Ttl.of(ttl), list, stats.snapshot(), 0);
    }
}
