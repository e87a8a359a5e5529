package org.hopscope.engine.graph;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.trace.ProbeOutcome;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.ReplyKind;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * A trace's probes arranged by TTL and flow: what each flow showed at each TTL. For classic probes,
 * whose flow changes with every packet, the "flow" is the column instead (the probe's place among
 * those of its TTL), which is what a reader of classic output pairs.
 */
final class FlowTable {

    /** One flow (or column) at one TTL. */
    static final class Cell {
        final Set<InetAddress> answers = new LinkedHashSet<>();
        final List<Long> sequences = new ArrayList<>();
        int probes;
        int unanswered;
        boolean terminal;

        boolean answered() {
            return !answers.isEmpty();
        }
    }

    final boolean classic;
    /** TTL → key → cell, TTLs ascending, keys in first-probe order. */
    final TreeMap<Integer, Map<Integer, Cell>> cells = new TreeMap<>();
    final Map<InetAddress, Vertex.Role> roles = new LinkedHashMap<>();
    /** TTL → address → RTT sum (ms) and replies, for the hop view. */
    final Map<Integer, Map<InetAddress, double[]>> rtts = new HashMap<>();

    private FlowTable(boolean classic) {
        this.classic = classic;
    }

    static FlowTable of(TraceSnapshot s) {
        FlowTable t = new FlowTable(s.settings().method() == ProbeMethod.CLASSIC);
        for (ProbeRecord p : s.probes()) {
            if (p.outcome() == ProbeOutcome.PENDING || p.outcome() == ProbeOutcome.ABANDONED
                    || p.outcome() == ProbeOutcome.SEND_FAILED) {
                continue;
            }
            int ttl = p.ttl().value();
            int key = t.classic ? p.column() : p.flowId().value();
            Cell c = t.cells.computeIfAbsent(ttl, k -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new Cell());
            c.probes++;
            c.sequences.add(p.sequence());
            if (!p.isAnswered()) {
                c.unanswered++;
                continue;
            }
            InetAddress a = p.reply().from();
            c.answers.add(a);
            c.terminal |= p.reply().terminal();
            Vertex.Role role = p.reply().fromDestination() ? Vertex.Role.DESTINATION
                    : p.reply().kind() == ReplyKind.DEST_UNREACHABLE ? Vertex.Role.UNREACHABLE : Vertex.Role.ROUTER;
            t.roles.merge(a, role, (x, y) -> x.ordinal() >= y.ordinal() ? x : y);
            double[] r = t.rtts.computeIfAbsent(ttl, k -> new LinkedHashMap<>()).computeIfAbsent(a, k -> new double[2]);
            r[0] += p.reply().rttMillis();
            r[1]++;
        }
        return t;
    }

    Map<Integer, Cell> at(int ttl) {
        Map<Integer, Cell> m = cells.get(ttl);
        return m == null ? Map.of() : m;
    }

    Cell cell(int ttl, int key) {
        return at(ttl).get(key);
    }

    /** Interfaces that answered at {@code ttl}, in order of discovery. */
    Set<InetAddress> addresses(int ttl) {
        Set<InetAddress> s = new LinkedHashSet<>();
        for (Cell c : at(ttl).values()) {
            s.addAll(c.answers);
        }
        return s;
    }

    /** Whether some flow answered from two interfaces at {@code ttl}: its path there is not fixed. */
    boolean unstable(int ttl) {
        if (classic) {
            return addresses(ttl).size() > 1;
        }
        for (Cell c : at(ttl).values()) {
            if (c.answers.size() > 1) {
                return true;
            }
        }
        return false;
    }
}
