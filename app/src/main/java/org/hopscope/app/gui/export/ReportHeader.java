package org.hopscope.app.gui.export;

import java.util.ArrayList;
import java.util.List;
import org.hopscope.app.gui.model.AddressLabeler;
import org.hopscope.app.gui.model.Format;
import org.hopscope.engine.HopscopeVersion;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * The context every export carries (WinMTR #12: a pasted trace without target and time is useless to
 * an ISP): target and resolved address, start and end, probe settings, transport, tool version, and
 * what the privacy mask hid.
 */
public final class ReportHeader {
    private ReportHeader() {
    }

    public static List<String> lines(TraceSnapshot s, AddressLabeler labels, long rounds) {
        List<String> out = new ArrayList<>();
        TraceSettings t = s.settings();
        String resolved = s.resolvedAddress() == null ? "?" : s.resolvedAddress().getHostAddress();
        out.add("Trace to " + t.target() + (t.target().equals(resolved) ? "" : " (" + resolved + ")") + " — "
                + statusText(s));
        out.add("Started " + Format.epochMicros(s.startedEpochMicros()) + ", ended "
                + (s.finishedEpochMicros() < 0 ? "(still running)" : Format.epochMicros(s.finishedEpochMicros()))
                + (rounds > 0 ? ", " + rounds + " rounds" : "") + ", " + s.probesSent() + " probes");
        out.add("Probes: " + settingsText(t));
        out.add("Transport: " + (s.transport() == null ? "?" : s.transport().summary().replaceFirst("^transport: ", ""))
                + "; from " + labels.sourceText(s.sourceAddress()));
        String privacy = labels.mask().active()
                ? "Privacy: " + (labels.mask().firstHops() > 0 ? "hops 1–" + labels.mask().firstHops() + " hidden" : "")
                        + (labels.mask().firstHops() > 0 && labels.mask().hideSource() ? ", " : "")
                        + (labels.mask().hideSource() ? "source address hidden" : "") + ". "
                : "";
        out.add(privacy + HopscopeVersion.NAME + " " + s.toolVersion() + " (exported by " + HopscopeVersion.NAME + " "
                + HopscopeVersion.VERSION + ")");
        return out;
    }

    public static String settingsText(TraceSettings t) {
        StringBuilder sb = new StringBuilder();
        sb.append(t.protocol());
        if (t.protocol() != org.hopscope.engine.probe.ProbeProtocol.ICMP) {
            sb.append(" port ").append(t.destinationPort());
        }
        sb.append(", ").append(t.method() == org.hopscope.engine.probe.ProbeMethod.PARIS ? "Paris" : "classic");
        sb.append(", ").append(t.probesPerHop()).append(" probes/hop, TTL ").append(t.firstTtl()).append('–')
                .append(t.maxTtl()).append(", wait ").append(t.waitTime().toMillis()).append(" ms");
        if (t.tos() != 0) {
            sb.append(", TOS ").append(t.tos());
        }
        sb.append(", length ").append(t.packetLength() == 0 ? "default" : t.packetLength() + " B");
        return sb.toString();
    }

    private static String statusText(TraceSnapshot s) {
        return switch (s.status()) {
            case REACHED -> "destination reached";
            case NOT_REACHED -> "destination NOT reached";
            case STOPPED -> "stopped by the user";
            case FAILED -> "failed: " + s.statusDetail();
            case RUNNING -> "running";
        };
    }
}
