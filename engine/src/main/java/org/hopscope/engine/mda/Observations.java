package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the probing has shown, flow by flow and TTL by TTL. Mutable; owned by one run.
 */
final class Observations {

    /** What one flow showed at one TTL. */
    static final class Cell {
        /** Distinct answering addresses, first first (more than one: per-packet balancing). */
        final List<InetAddress> answers = new ArrayList<>(1);
        int probes;
        int stars;
        boolean terminal;
        /** Sent as part of a hop's random sample (MDA-Lite's hop-level rule counts only these). */
        boolean sample;

        boolean answered() {
            return !answers.isEmpty();
        }

        InetAddress first() {
            return answers.isEmpty() ? null : answers.get(0);
        }

        boolean answeredBy(InetAddress a) {
            return answers.contains(a);
        }
    }

    private final Map<Integer, Map<Integer, Cell>> cells = new HashMap<>();
    private final Map<Integer, Set<InetAddress>> addresses = new HashMap<>();
    private final Map<Integer, Set<InetAddress>> terminals = new HashMap<>();
    /** TTLs at which each flow ended (reached the destination or an unreachable), lowest kept. */
    private final Map<Integer, Integer> endTtl = new HashMap<>();
    private long version;
    /** {@link MdaSettings#mergeConverged()}: whether {@link #seenBefore} may say yes. */
    boolean mergeConverged;
    private boolean reachedDestination;

    /** Whether the destination itself answered some probe. */
    boolean reachedDestination() {
        return reachedDestination;
    }

    /** Changes whenever something is recorded, so derived views can be cached. */
    long version() {
        return version;
    }

    void record(ProbeResult r, boolean sample) {
        version++;
        int ttl = r.request().ttl();
        int flow = r.request().flow().value();
        Cell c = cells.computeIfAbsent(ttl, t -> new LinkedHashMap<>()).computeIfAbsent(flow, f -> new Cell());
        c.probes++;
        c.sample |= sample;
        if (r.answered()) {
            InetAddress a = r.from();
            if (!c.answers.contains(a)) {
                c.answers.add(a);
            }
            addresses.computeIfAbsent(ttl, t -> new LinkedHashSet<>()).add(a);
            reachedDestination |= r.reply().fromDestination();
            if (r.terminal()) {
                c.terminal = true;
                terminals.computeIfAbsent(ttl, t -> new LinkedHashSet<>()).add(a);
                endTtl.merge(flow, ttl, Math::min);
            }
        } else {
            c.stars++;
        }
    }

    Cell cell(int ttl, int flow) {
        Map<Integer, Cell> m = cells.get(ttl);
        return m == null ? null : m.get(flow);
    }

    /** Flow → cell at {@code ttl}, in the order flows were first probed there. */
    Map<Integer, Cell> at(int ttl) {
        Map<Integer, Cell> m = cells.get(ttl);
        return m == null ? Map.of() : Collections.unmodifiableMap(m);
    }

    /** Addresses that answered at {@code ttl}, in discovery order. */
    Set<InetAddress> addresses(int ttl) {
        Set<InetAddress> s = addresses.get(ttl);
        return s == null ? Set.of() : Collections.unmodifiableSet(s);
    }

    boolean terminal(int ttl, InetAddress a) {
        Set<InetAddress> s = terminals.get(ttl);
        return s != null && s.contains(a);
    }

    /** Whether the flow ended (destination, unreachable) at a TTL below {@code ttl}. */
    boolean endedBefore(int flow, int ttl) {
        Integer e = endTtl.get(flow);
        return e != null && e < ttl;
    }

    /** Flows that answered {@code a} at {@code ttl}, in probing order. */
    List<Integer> flowsAnswering(int ttl, InetAddress a) {
        List<Integer> r = new ArrayList<>();
        for (Map.Entry<Integer, Cell> e : at(ttl).entrySet()) {
            if (e.getValue().answeredBy(a)) {
                r.add(e.getKey());
            }
        }
        return r;
    }

    /**
     * Whether {@code a} already answered, not as an end point, at a TTL below {@code ttl}: paths of
     * unequal length have converged on it. A per-flow balancer after it splits a flow the same way
     * whichever TTL the flow reaches it at, so its successors are explored once, from the earliest
     * TTL (scamper's tracelb likewise stops a branch that reaches a node it already has). Always
     * false unless {@link MdaSettings#mergeConverged()}.
     */
    boolean seenBefore(InetAddress a, int ttl) {
        if (!mergeConverged) {
            return false;
        }
        for (Map.Entry<Integer, Set<InetAddress>> e : addresses.entrySet()) {
            if (e.getKey() < ttl && e.getValue().contains(a) && !terminal(e.getKey(), a)) {
                return true;
            }
        }
        return false;
    }

    boolean probed(int ttl, int flow) {
        return cell(ttl, flow) != null;
    }

    int maxTtl() {
        return cells.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
