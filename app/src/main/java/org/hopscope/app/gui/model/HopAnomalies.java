package org.hopscope.app.gui.model;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.Reply;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Badges per (hop, address), derived once per snapshot from interface summaries and the probes:
 * what the table, the canvas markers and the diagnosis all agree on.
 */
public final class HopAnomalies {
    private final Map<Key, EnumSet<Badge>> badges = new HashMap<>();
    private final Map<InetAddress, Set<Integer>> ttlsByAddress = new HashMap<>();
    private int natFirstTtl = -1;
    private FlowPaths paths = new FlowPaths();

    private record Key(int ttl, InetAddress address) {
    }

    public static HopAnomalies of(TraceSnapshot s) {
        HopAnomalies a = new HopAnomalies();
        a.scan(s);
        return a;
    }

    private void scan(TraceSnapshot s) {
        paths = FlowPaths.of(s);
        for (HopSnapshot h : s.hops()) {
            int ttl = h.ttl().value();
            if (h.interfaces().size() > 1) {
                for (InterfaceSnapshot i : h.interfaces()) {
                    add(ttl, i.address(), Badge.MULTIPATH);
                }
            }
            for (InterfaceSnapshot i : h.interfaces()) {
                ttlsByAddress.computeIfAbsent(i.address(), x -> new TreeSet<>()).add(ttl);
                if (i.isDestination()) {
                    add(ttl, i.address(), Badge.DESTINATION);
                }
                if (!i.mplsStacks().isEmpty()) {
                    add(ttl, i.address(), Badge.MPLS);
                }
                if (i.quotedTtls().contains(0)) {
                    add(ttl, i.address(), Badge.TTL_ZERO);
                }
                if (i.quotedTtls().stream().anyMatch(q -> q > 1)) {
                    add(ttl, i.address(), Badge.QUOTED_TTL);
                }
                if (i.replyTtls().size() > 1) {
                    add(ttl, i.address(), Badge.REPLY_TTL);
                }
                if (!i.marks().isEmpty()) {
                    add(ttl, i.address(), Badge.UNREACHABLE);
                }
            }
        }
        for (Map.Entry<InetAddress, Set<Integer>> e : ttlsByAddress.entrySet()) {
            // an address at several TTLs in different flows is unequal path lengths, not a loop
            if (e.getValue().size() > 1 && (paths.isEmpty() || paths.loopsInOneFlow(e.getKey()))) {
                for (int ttl : e.getValue()) {
                    add(ttl, e.getKey(), Badge.LOOP);
                }
            }
        }
        for (ProbeRecord p : s.probes()) {
            if (p.isAnswered() && rewritten(p)) {
                int ttl = p.ttl().value();
                if (natFirstTtl < 0 || ttl < natFirstTtl) {
                    natFirstTtl = ttl;
                }
            }
        }
        if (natFirstTtl > 0) {
            s.hop(natFirstTtl).ifPresent(h -> h.interfaces().forEach(i -> add(natFirstTtl, i.address(), Badge.NAT)));
        }
    }

    /** Dublin traceroute's test: the quote shows a source or checksum other than the one we sent. */
    static boolean rewritten(ProbeRecord p) {
        Reply r = p.reply();
        if (r.quotedSource() != null && p.sent().source() != null && !r.quotedSource().equals(p.sent().source())) {
            return true;
        }
        return r.quotedChecksum() >= 0 && p.sent().checksum() >= 0 && r.quotedChecksum() != p.sent().checksum()
                && r.quotedTtl() >= 0;
    }

    private void add(int ttl, InetAddress a, Badge b) {
        badges.computeIfAbsent(new Key(ttl, a), k -> EnumSet.noneOf(Badge.class)).add(b);
    }

    public Set<Badge> badges(int ttl, InetAddress a) {
        EnumSet<Badge> b = badges.get(new Key(ttl, a));
        return b == null ? EnumSet.noneOf(Badge.class) : EnumSet.copyOf(b);
    }

    /** The first hop whose replies show NAT rewriting, or -1. */
    public int natFirstTtl() {
        return natFirstTtl;
    }

    public FlowPaths paths() {
        return paths;
    }

    /** Whether this address is flagged as looping (same flow, several TTLs). */
    public boolean loops(int ttl, InetAddress a) {
        return badges(ttl, a).contains(Badge.LOOP);
    }

    /** Other hops at which this address also answered. */
    public Set<Integer> ttlsOf(InetAddress a) {
        return ttlsByAddress.getOrDefault(a, Set.of());
    }
}
