package org.hopscope.app.gui.export;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.hopscope.app.gui.model.AddressLabeler;
import org.hopscope.app.gui.model.Format;
import org.hopscope.app.gui.model.HopRow;
import org.hopscope.engine.format.TraceTextRenderer;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Plain text for tickets: the report header, the engine's traceroute-style lines, and an mtr-style
 * statistics table (what WinMTR's "Copy text" gives). Masked addresses are replaced everywhere.
 */
public final class TextExport {
    private TextExport() {
    }

    public static String render(TraceSnapshot s, List<HopRow> rows, AddressLabeler labels, long rounds,
            Function<InetAddress, String> names) {
        StringBuilder sb = new StringBuilder();
        for (String h : ReportHeader.lines(s, labels, rounds)) {
            sb.append(h).append('\n');
        }
        sb.append('\n');
        String trace = new TraceTextRenderer().hostNames(a -> {
            String n = names.apply(a);
            return n == null ? a.getHostAddress() : n;
        }).render(s);
        sb.append(mask(trace, s, labels, names)).append('\n');
        sb.append(table(rows)).append('\n');
        return sb.toString();
    }

    /** An mtr/WinMTR-style table of the rows. */
    public static String table(List<HopRow> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "%-4s %-40s %6s %5s %5s %7s %7s %7s %7s %7s%n", "Hop", "Host",
                "Loss%", "Snt", "Recv", "Last", "Avg", "Best", "Wrst", "StDev"));
        for (HopRow r : rows) {
            String host = (r.isSubRow() ? "  " : "") + (r.host().isEmpty() ? r.addressText()
                    : r.host() + (r.address() != null ? " (" + r.addressText() + ")" : ""));
            if (!Double.isNaN(r.share()) && r.isSubRow()) {
                host += " " + r.shareText();
            }
            if (host.length() > 40) {
                host = host.substring(0, 39) + "…";
            }
            sb.append(String.format(java.util.Locale.ROOT, "%-4s %-40s %6s %5d %5d %7s %7s %7s %7s %7s%n",
                    r.hopText(), host, r.sent() == 0 ? "" : Format.percent(r.lossPercent()), r.sent(), r.received(),
                    Format.ms(r.lastMs()), Format.ms(r.avgMs()), Format.ms(r.bestMs()), Format.ms(r.worstMs()),
                    Format.ms(r.stddevMs())));
        }
        return sb.toString();
    }

    /** Replaces what the mask hides in text the engine rendered (longest strings first). */
    static String mask(String text, TraceSnapshot s, AddressLabeler labels, Function<InetAddress, String> names) {
        if (!labels.mask().active()) {
            return text;
        }
        List<String> hide = new ArrayList<>();
        for (HopSnapshot h : s.hops()) {
            for (InterfaceSnapshot i : h.interfaces()) {
                if (labels.hides(i.address(), h.ttl().value())) {
                    hide.add(i.address().getHostAddress());
                    String n = names.apply(i.address());
                    if (n != null) {
                        hide.add(n);
                    }
                }
            }
        }
        if (labels.mask().hideSource() && s.sourceAddress() != null) {
            hide.add(s.sourceAddress().getHostAddress());
        }
        hide.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String h : hide) {
            out = out.replaceAll("(?<![0-9A-Za-z.:-])" + java.util.regex.Pattern.quote(h) + "(?![0-9A-Za-z:-]|\\.[0-9A-Za-z])",
                    AddressLabeler.HIDDEN);
        }
        return out;
    }
}
