package org.hopscope.engine.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.MplsEntry;
import org.hopscope.engine.trace.ProbeOutcome;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.Reply;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Prints a trace the way paris-traceroute(8) does:
 *
 * <pre>
 * traceroute [(10.0.0.2:33456) -&gt; (192.0.2.9:33457)], protocol udp, algo concurrent, duration 1 s
 *  1  10.0.0.1 (10.0.0.1)  0.569 ms   0.495 ms   0.490 ms
 *  2  * * *
 *  3  198.51.100.1 (198.51.100.1)  10.310 ms !T0  198.51.100.5 (198.51.100.5)  11.020 ms  *
 *    MPLS Label 27121 TTL=1 | MPLS Label 2 TTL=255
 * </pre>
 *
 * One line per hop, the probes in the order of their column; an address is printed when it differs
 * from the previous answered probe's. After each RTT come the marks: {@code !H !N !P ...} for an
 * unreachable, {@code !Tx} when the quoted TTL was x rather than 1, {@code {ipid}} with {@link
 * #showIpId}, {@code [ttl]} (the reply's TTL) with {@link #showReplyTtl}. A hop whose routers reported
 * MPLS label stacks gets a second line with them: entries of one stack separated by {@code |},
 * different stacks by {@code ,}. Numeric mode prints addresses only; otherwise {@code name (address)},
 * where the name is the address itself unless a name was supplied (this class never resolves names).
 * Abandoned probes (sent beyond the destination) are not printed. Lines carry no trailing blanks.
 */
public final class TraceTextRenderer {
    private Boolean numeric;
    private boolean showIpId;
    private boolean showReplyTtl;
    private Function<InetAddress, String> hostNames = a -> null;
    private Function<InetAddress, String> asLabels = a -> null;

    /** Force numeric output on or off; by default the trace's own {@code numeric} setting decides. */
    public TraceTextRenderer numeric(boolean v) {
        numeric = v;
        return this;
    }

    /** paris-traceroute {@code -i}: print each reply's IP ID as {@code {1234}}. */
    public TraceTextRenderer showIpId(boolean v) {
        showIpId = v;
        return this;
    }

    /** paris-traceroute {@code -l}: print each reply's TTL as {@code [254]}. */
    public TraceTextRenderer showReplyTtl(boolean v) {
        showReplyTtl = v;
        return this;
    }

    /** Known host names (null for unknown); by default none. Must not block. */
    public TraceTextRenderer hostNames(Function<InetAddress, String> names) {
        hostNames = Objects.requireNonNull(names);
        return this;
    }

    /**
     * AS labels (traceroute {@code -A} style, printed as {@code [AS64500 NAME]} after the address; null or
     * empty for none); by default none. Must not block. Printed in numeric mode too: they are not names.
     */
    public TraceTextRenderer asLabels(Function<InetAddress, String> labels) {
        asLabels = Objects.requireNonNull(labels);
        return this;
    }

    /** The whole trace: header line, then hop lines. Every line ends with '\n'. */
    public String render(TraceSnapshot s) {
        StringBuilder sb = new StringBuilder();
        try {
            renderTo(s, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return sb.toString();
    }

    /** Appends the whole trace to {@code out}. */
    public void renderTo(TraceSnapshot s, Appendable out) throws IOException {
        out.append(header(s)).append('\n');
        java.util.Map<Integer, List<ProbeRecord>> byTtl = s.probes().stream()
                .collect(Collectors.groupingBy(p -> p.ttl().value()));
        for (HopSnapshot h : s.hops()) {
            out.append(hopLines(s, h, byTtl.getOrDefault(h.ttl().value(), List.of())));
        }
    }

    /**
     * paris-traceroute's first line: {@code traceroute [(src:sport) -> (dst:dport)], protocol udp, algo
     * concurrent, duration 1 s}. The duration is whole seconds so far (to now while running).
     */
    public String header(TraceSnapshot s) {
        TraceSettings st = s.settings();
        long end = s.finishedEpochMicros() >= 0 ? s.finishedEpochMicros() : s.startedEpochMicros();
        long seconds = Math.max(0, (end - s.startedEpochMicros()) / 1_000_000L);
        return "traceroute [(" + endpoint(s.sourceAddress(), st.sourcePort()) + ") -> ("
                + endpoint(s.resolvedAddress(), st.destinationPort()) + ")], protocol "
                + DocumentValues.enumName(st.protocol()) + ", algo " + st.algorithm().cliName() + ", duration "
                + seconds + " s";
    }

    private static String endpoint(InetAddress a, int port) {
        if (a == null) {
            return "?:" + port;
        }
        String text = DocumentValues.addressText(a);
        return (a instanceof Inet6Address ? "[" + text + "]" : text) + ":" + port;
    }

    /** The line(s) of one hop: the hop line, then the MPLS line if any; each ends with '\n'. */
    public String hopLines(TraceSnapshot s, HopSnapshot h) {
        int ttl = h.ttl().value();
        return hopLines(s, h, s.probes().stream().filter(p -> p.ttl().value() == ttl).toList());
    }

    private String hopLines(TraceSnapshot s, HopSnapshot h, List<ProbeRecord> atTtl) {
        boolean num = numeric != null ? numeric : s.settings().numeric();
        int ttl = h.ttl().value();
        List<ProbeRecord> probes = atTtl.stream()
                .filter(p -> p.outcome() != ProbeOutcome.ABANDONED)
                .sorted(Comparator.comparingInt(ProbeRecord::column).thenComparingLong(ProbeRecord::sequence))
                .toList();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%2d ", ttl));
        InetAddress last = null;
        List<List<MplsEntry>> stacks = new ArrayList<>();
        for (ProbeRecord p : probes) {
            if (!p.isAnswered()) {
                // Pending, timed out or not sent: traceroute's star.
                line.append(" *");
                continue;
            }
            Reply r = p.reply();
            // Spacing as paris-traceroute prints it: " addr (addr)", "  1.234 ms ", then "!H " etc.
            if (!r.from().equals(last)) {
                String address = DocumentValues.addressText(r.from());
                if (num) {
                    line.append(' ').append(address);
                } else {
                    String name = hostNames.apply(r.from());
                    line.append(' ').append(name == null ? address : name).append(" (").append(address).append(')');
                }
                String as = asLabels.apply(r.from());
                if (as != null && !as.isEmpty()) {
                    line.append(" [").append(as).append(']');
                }
                last = r.from();
            }
            line.append(String.format(Locale.ROOT, "  %.3f ms ", r.rttMillis()));
            String mark = r.unreachableMark();
            if (!mark.isEmpty()) {
                line.append(mark).append(' ');
            }
            if (r.quotedTtl() != 1 && r.quotedTtl() != -1) {
                line.append("!T").append(r.quotedTtl()).append(' ');
            }
            if (showIpId && r.replyIpId() != -1) {
                line.append('{').append(r.replyIpId()).append("} ");
            }
            if (showReplyTtl && r.replyTtl() != -1) {
                line.append('[').append(r.replyTtl()).append("] ");
            }
            if (!r.mpls().isEmpty() && !stacks.contains(r.mpls())) {
                stacks.add(r.mpls());
            }
        }
        if (probes.isEmpty() && h.interfaces().isEmpty()) {
            line.append(" *");
        }
        StringBuilder out = new StringBuilder(stripTrailing(line)).append('\n');
        if (!stacks.isEmpty()) {
            out.append("   ").append(stacks.stream()
                    .map(st -> st.stream().map(MplsEntry::toString).collect(Collectors.joining(" | ")))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        return out.toString();
    }

    private static String stripTrailing(CharSequence cs) {
        return cs.toString().stripTrailing();
    }
}
