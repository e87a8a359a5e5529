package org.hopscope.engine.analysis;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.format.AddressLiterals;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceInfo;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * What the TTLs in a reply say (probing-facts §7), and RFC 5837 interface details.
 *
 * <ul>
 *   <li>Quoted TTL 0 ("!T0", Dublin's {@code zerottl_forwarding_bug}): the router at that hop
 *       forwarded a packet whose TTL had expired, so the next router answered in its place.</li>
 *   <li>Reply TTL: the return path is about {@code initial − replyTtl + 1} hops long, the initial
 *       TTL being the next of 64, 128, 255 (tracepath's idea; traceroute(8) {@code --back}). When it
 *       differs from the forward distance the reply came back another way.</li>
 * </ul>
 */
final class TtlAnalysis {
    private TtlAnalysis() {
    }

    /** Hops a reply crossed, from its TTL (traceroute's ttl2hops). */
    static int returnHops(int replyTtl) {
        int initial = replyTtl <= 64 ? 65 : replyTtl <= 128 ? 129 : 256;
        return initial - replyTtl;
    }

    static List<Finding> analyze(TraceSnapshot s) {
        List<Finding> out = new ArrayList<>();
        List<String> asym = new ArrayList<>();
        List<InetAddress> asymAddresses = new ArrayList<>();
        int firstAsym = 0;
        for (HopSnapshot h : s.hops()) {
            int ttl = h.ttl().value();
            for (InterfaceSnapshot i : h.interfaces()) {
                if (i.quotedTtls().contains(0)) {
                    out.add(new Finding(Finding.Kind.ZERO_TTL_FORWARDING, Finding.Severity.NOTICE, ttl,
                            List.of(i.address()),
                            "The router at hop " + ttl + " forwards packets whose TTL has expired instead of answering"
                                    + " (a router bug); " + AddressLiterals.format(i.address())
                                    + " answers in its place, so it appears twice. Harmless to traffic.",
                            "quoted TTL 0 (!T0) in replies from " + AddressLiterals.format(i.address()) + " at hop " + ttl));
                }
                if (!i.replyTtls().isEmpty()) {
                    int back = returnHops(i.replyTtls().first());
                    // A router answering in place of a TTL-0 forwarder is one hop further than its TTL.
                    int forward = i.quotedTtls().contains(0) ? ttl + 1 : ttl;
                    if (back != forward) {
                        if (firstAsym == 0) {
                            firstAsym = ttl;
                        }
                        asym.add("hop " + ttl + " " + AddressLiterals.format(i.address()) + ": reply TTL "
                                + i.replyTtls().first() + " = " + back + " hops back");
                        asymAddresses.add(i.address());
                    }
                }
            }
        }
        interfaceInfo(s, out);
        if (!asym.isEmpty()) {
            out.add(new Finding(Finding.Kind.ASYMMETRIC_RETURN, Finding.Severity.INFO, firstAsym, asymAddresses,
                    "Replies from " + asym.size() + (asym.size() == 1 ? " router" : " routers")
                            + " came back over a path of another length than the probes took (asymmetric"
                            + " routing): their times include a return path this trace does not show.",
                    String.join("; ", asym)));
        }
        return out;
    }

    /** One finding per (hop, address) whose replies carried RFC 5837 objects (the first such reply's). */
    private static void interfaceInfo(TraceSnapshot s, List<Finding> out) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (org.hopscope.engine.trace.ProbeRecord p : s.probes()) {
            if (p.isAnswered() && !p.reply().interfaces().isEmpty()
                    && seen.add(p.ttl().value() + " " + AddressLiterals.format(p.reply().from()))) {
                interfaceInfo(p.ttl().value(), p.reply().from(), p.reply().interfaces(), out);
            }
        }
    }

    private static void interfaceInfo(int ttl, InetAddress from, List<InterfaceInfo> infos, List<Finding> out) {
        List<String> parts = new ArrayList<>();
        for (InterfaceInfo f : infos) {
            StringBuilder b = new StringBuilder(f.roleName());
            if (f.name() != null) {
                b.append(" '").append(f.name()).append('\'');
            }
            if (f.address() != null) {
                b.append(' ').append(f.address());
            }
            if (f.ifIndex() >= 0) {
                b.append(" ifIndex ").append(f.ifIndex());
            }
            if (f.mtu() >= 0) {
                b.append(" MTU ").append(f.mtu());
            }
            parts.add(b.toString());
        }
        out.add(new Finding(Finding.Kind.INTERFACE_INFO, Finding.Severity.INFO, ttl, List.of(from),
                AddressLiterals.format(from) + " (hop " + ttl + ") named its interfaces: " + String.join(", ", parts)
                        + ".",
                "RFC 5837 interface information objects"));
    }
}
