package org.hopscope.app.gui.export;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hopscope.app.gui.model.Badge;
import org.hopscope.app.gui.model.HopRow;

/**
 * The hop table as CSV (RFC 4180 quoting), preceded by the report header as '#' comment lines so a
 * spreadsheet import can skip them and a human still sees the context.
 */
public final class CsvExport {
    public static final String COLUMNS = "hop,row,host,address,share,asn,loss_pct,sent,received,last_ms,avg_ms,best_ms,"
            + "worst_ms,stddev_ms,jitter_ms,mpls,notes";

    private CsvExport() {
    }

    public static String render(List<String> header, List<HopRow> rows) {
        StringBuilder sb = new StringBuilder();
        for (String h : header) {
            sb.append("# ").append(h).append("\r\n");
        }
        sb.append(COLUMNS).append("\r\n");
        for (HopRow r : rows) {
            sb.append(r.ttl()).append(',')
                    .append(r.isSubRow() ? "address" : "hop").append(',')
                    .append(q(r.host())).append(',')
                    .append(q(r.addressText())).append(',')
                    .append(Double.isNaN(r.share()) ? "" : num(r.share())).append(',')
                    .append(q(r.asn())).append(',')
                    .append(num(r.lossPercent())).append(',')
                    .append(r.sent()).append(',')
                    .append(r.received()).append(',')
                    .append(num(r.lastMs())).append(',')
                    .append(num(r.avgMs())).append(',')
                    .append(num(r.bestMs())).append(',')
                    .append(num(r.worstMs())).append(',')
                    .append(num(r.stddevMs())).append(',')
                    .append(num(r.jitterMs())).append(',')
                    .append(q(r.mpls())).append(',')
                    .append(q(r.badges().stream().sorted().map(Badge::label).collect(Collectors.joining(" "))))
                    .append("\r\n");
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String q(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
