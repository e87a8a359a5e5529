package org.hopscope.app.gui.export;

import java.util.ArrayList;
import java.util.List;
import org.hopscope.app.gui.model.AddressLabeler;
import org.hopscope.app.gui.model.HopRow;
import org.hopscope.app.gui.model.LatencyThresholds;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.app.gui.view.Palette;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * What an export shows: the presentation on screen, relabelled through the privacy mask, in the
 * chosen palette. Exports always use these rows, so a mask can never be bypassed.
 */
public record ExportContext(TracePresentation presentation, AddressLabeler labels, Palette palette,
        LatencyThresholds thresholds) {

    public TraceSnapshot snapshot() {
        return presentation.snapshot();
    }

    public List<String> header() {
        List<String> h = new ArrayList<>(ReportHeader.lines(snapshot(), labels, presentation.rounds()));
        if (presentation.focus() != null) {
            h.add(1, "Table computed over the focus window " + presentation.focus().describe());
        }
        return h;
    }

    /** The table rows with host names and addresses passed through the mask. */
    public List<HopRow> rows() {
        List<HopRow> out = new ArrayList<>();
        for (HopRow r : presentation.rows()) {
            String host = r.host();
            String addr = r.addressText();
            if (r.address() != null) {
                host = labels.name(r.address(), r.ttl());
                addr = labels.address(r.address(), r.ttl());
            } else if (r.ttl() <= labels.mask().firstHops() && !"*".equals(addr)) {
                addr = AddressLabeler.HIDDEN;
            }
            out.add(new HopRow(r.kind(), r.ttl(), host, r.address(), addr, r.share(), r.asn(), r.lossPercent(),
                    r.sent(), r.received(), r.lastMs(), r.avgMs(), r.bestMs(), r.worstMs(), r.stddevMs(), r.jitterMs(),
                    r.mpls(), r.badges(), r.level()));
        }
        return out;
    }
}
