package org.hopscope.engine.analysis;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hopscope.engine.format.AddressLiterals;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.Reply;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Dublin traceroute's NAT detection (probing-facts §3). Each ICMP error quotes our probe as the
 * router saw it. A NAT that rewrites the source port (or ICMP identifier) changes the transport
 * checksum; most NATs translate the quote back on the way home (RFC 5508 §4.2 asks for it) but
 * leave the quoted checksum as it was on the wire. So "NAT ID" = quoted checksum − sent checksum
 * (mod 2^16) is 0 before the NAT and constant, non-zero, behind it: the NAT sits between the last
 * hop with the old NAT ID and the first with the new one. The IPv4 ID is not touched by a NAT, which
 * is why it (not the port) ties each answer to its probe (the "IP ID tag").
 *
 * <p>A quoted source address that is not ours means the NAT did not translate the quote at all
 * (Dublin's "broken NAT"): applications relying on ICMP errors (path MTU discovery) break behind it.
 */
final class NatAnalysis {
    private NatAnalysis() {
    }

    static List<Finding> analyze(TraceSnapshot s) {
        // TTL -> the NAT IDs and quoted sources seen there (most flows agree; one is enough).
        TreeMap<Integer, Integer> natId = new TreeMap<>();
        TreeMap<Integer, ProbeRecord> example = new TreeMap<>();
        TreeMap<Integer, ProbeRecord> foreignSource = new TreeMap<>();
        for (ProbeRecord p : s.probes()) {
            if (!p.isAnswered() || p.sent() == null) {
                continue;
            }
            Reply r = p.reply();
            int ttl = p.ttl().value();
            if (r.quotedChecksum() >= 0 && p.sent().checksum() >= 0 && !natId.containsKey(ttl)) {
                natId.put(ttl, (r.quotedChecksum() - p.sent().checksum()) & 0xFFFF);
                example.put(ttl, p);
            }
            if (r.quotedSource() != null && !r.quotedSource().equals(p.sent().source())
                    && !foreignSource.containsKey(ttl)) {
                foreignSource.put(ttl, p);
            }
        }
        List<Finding> out = new ArrayList<>();
        int previousId = 0;
        Integer previousTtl = null;
        for (Map.Entry<Integer, Integer> e : natId.entrySet()) {
            int ttl = e.getKey();
            int id = e.getValue();
            if (id != previousId) {
                ProbeRecord p = example.get(ttl);
                out.add(nat(s, previousTtl, ttl, p, previousId, id));
            }
            previousId = id;
            previousTtl = ttl;
        }
        if (!foreignSource.isEmpty()) {
            int ttl = foreignSource.firstKey();
            ProbeRecord p = foreignSource.get(ttl);
            int at = Math.max(s.settings().firstTtl(), ttl - 1);
            List<InetAddress> named = addressAt(s, at).map(List::of).orElse(List.of());
            out.add(new Finding(Finding.Kind.BROKEN_NAT, Finding.Severity.WARNING, at, named,
                    "A NAT at or before hop " + at + " does not translate the packets quoted in its ICMP errors back"
                            + " (a \"broken NAT\"): path MTU discovery and other ICMP-based mechanisms may fail behind it.",
                    "from hop " + ttl + " on the quoted source is " + AddressLiterals.format(p.reply().quotedSource())
                            + " instead of our " + AddressLiterals.format(p.sent().source()) + "; probe #" + p.sequence()
                            + " matched by its IP ID " + p.sent().ipId()));
        }
        return out;
    }

    private static Finding nat(TraceSnapshot s, Integer lastBefore, int firstAfter, ProbeRecord p, int oldId,
            int newId) {
        // The translating router answers (if at all) with the old ID: it quotes the probe as it received it.
        int at = lastBefore != null ? lastBefore : Math.max(s.settings().firstTtl(), firstAfter - 1);
        List<InetAddress> named = new ArrayList<>();
        addressAt(s, at).ifPresent(named::add);
        String where = at == firstAfter - 1 ? "at hop " + at : "between hops " + at + " and " + firstAfter;
        String ipIdNote = p.reply().quotedIpId() >= 0 && p.reply().quotedIpId() == p.sent().ipId()
                ? "; quoted IP ID " + p.sent().ipId() + " still matches the probe (IP ID tag)" : "";
        return new Finding(Finding.Kind.NAT, Finding.Severity.INFO, at, named,
                "A NAT " + where + (named.isEmpty() ? "" : " (" + AddressLiterals.format(named.get(0)) + ")")
                        + " rewrites our probes; the addresses after it see its public address, not ours.",
                String.format(java.util.Locale.ROOT,
                        "quoted checksum 0x%04x vs sent 0x%04x from hop %d on: NAT ID changed from %d to %d%s",
                        p.reply().quotedChecksum(), p.sent().checksum(), firstAfter, oldId, newId, ipIdNote));
    }

    static java.util.Optional<InetAddress> addressAt(TraceSnapshot s, int ttl) {
        return s.hop(ttl).flatMap(h -> h.interfaces().stream().findFirst()).map(i -> i.address());
    }
}
