package org.hopscope.engine.graph;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Finds the interfaces with several next hops and how they balance. Per-packet if one flow, sent
 * through the interface to the next TTL several times, answered from different next hops; per-flow
 * if such a flow always answered from the same one (at least {@value #PER_FLOW_REPEATS} times:
 * the MDA resends n(1) = 6, a Paris trace sends its 3 probes per hop); unknown otherwise.
 */
final class Balancers {
    static final int PER_FLOW_REPEATS = 3;

    private Balancers() {
    }

    static List<Balancer> find(TraceSnapshot s, FlowTable table, Spread spread, List<Edge> edges) {
        if (table.classic) {
            return List.of();
        }
        Map<String, Set<InetAddress>> next = new LinkedHashMap<>();
        Map<String, InetAddress> at = new LinkedHashMap<>();
        for (Edge e : edges) {
            if (e.gap() != 1 && !e.from().equals(s.sourceAddress())) {
                continue;
            }
            for (int t : e.fromTtls()) {
                String k = t + "/" + e.from().getHostAddress();
                next.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(e.to());
                at.put(k, e.from());
            }
        }
        List<Balancer> r = new ArrayList<>();
        Set<Integer> perPacketTtls = new LinkedHashSet<>();
        for (Map.Entry<String, Set<InetAddress>> e : next.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            int ttl = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('/')));
            InetAddress a = at.get(e.getKey());
            Balancer b = classify(table, a, ttl, e.getValue(), a.equals(s.sourceAddress()));
            if (b.kind() == Balancer.Kind.PER_PACKET) {
                perPacketTtls.add(ttl + 1);
            }
            r.add(b);
        }
        // A flow answering from several interfaces where no balancer was pinned: a per-packet balancer
        // hidden inside the spread of another (or whose own links could not be verified).
        for (int ttl : table.cells.keySet()) {
            if (!table.unstable(ttl) || perPacketTtls.contains(ttl)) {
                continue;
            }
            Set<InetAddress> before = table.addresses(ttl - 1);
            InetAddress who = before.size() == 1 ? before.iterator().next() : null;
            if (ttl == s.settings().firstTtl()) {
                who = s.sourceAddress();
            }
            List<Long> evidence = new ArrayList<>();
            for (FlowTable.Cell c : table.at(ttl).values()) {
                if (c.answers.size() > 1) {
                    evidence = c.sequences;
                    break;
                }
            }
            r.add(new Balancer(who, ttl - 1, List.copyOf(table.addresses(ttl)), Balancer.Kind.PER_PACKET, evidence));
        }
        return r;
    }

    private static Balancer classify(FlowTable table, InetAddress a, int ttl, Set<InetAddress> nextHops,
            boolean source) {
        List<Long> perFlow = List.of();
        for (Map.Entry<Integer, FlowTable.Cell> e : table.at(source ? ttl + 1 : ttl).entrySet()) {
            FlowTable.Cell here = e.getValue();
            if (!source && (here.answers.size() != 1 || !here.answers.contains(a))) {
                continue;
            }
            FlowTable.Cell after = source ? here : table.cell(ttl + 1, e.getKey());
            if (after == null || after.probes < 2) {
                continue;
            }
            if (after.answers.size() > 1) {
                return new Balancer(a, ttl, List.copyOf(nextHops), Balancer.Kind.PER_PACKET, after.sequences);
            }
            if (after.answered() && after.probes - after.unanswered >= PER_FLOW_REPEATS
                    && after.sequences.size() > perFlow.size()) {
                perFlow = after.sequences;
            }
        }
        Balancer.Kind kind = perFlow.isEmpty() ? Balancer.Kind.UNKNOWN : Balancer.Kind.PER_FLOW;
        return new Balancer(a, ttl, List.copyOf(nextHops), kind, perFlow);
    }
}
