package org.hopscope.app.gui.view;

import java.util.stream.Collectors;
import org.hopscope.app.gui.model.Format;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.Reply;

/** How one probe and its reply are spelled in the details pane. */
final class ProbeText {
    private ProbeText() {
    }

    static String outcome(ProbeRecord p) {
        return switch (p.outcome()) {
            case PENDING -> "waiting";
            case ANSWERED -> p.reply().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            case TIMED_OUT -> "no reply";
            case SEND_FAILED -> "not sent: " + p.error();
            case ABANDONED -> "not waited for";
        };
    }

    static String typeCode(Reply r) {
        return r == null || r.icmpType() < 0 ? "" : r.icmpType() + "/" + r.icmpCode();
    }

    static String num(int v) {
        return v < 0 ? "" : Integer.toString(v);
    }

    static String rtt(ProbeRecord p) {
        return p.isAnswered() ? Format.ms(p.reply().rttMillis()) : "";
    }

    static String sentTime(ProbeRecord p) {
        long us = p.sentEpochMicros();
        return Format.clock(us) + String.format(java.util.Locale.ROOT, ".%06d", us % 1_000_000L);
    }

    static String extensions(Reply r) {
        if (r == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (!r.mpls().isEmpty()) {
            sb.append(r.mpls().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        for (var i : r.interfaces()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(i.roleName()).append(" if");
            if (i.name() != null) {
                sb.append(' ').append(i.name());
            }
            if (i.address() != null) {
                sb.append(' ').append(i.address());
            }
            if (i.mtu() > 0) {
                sb.append(" mtu ").append(i.mtu());
            }
        }
        if (r.mtu() > 0) {
            sb.append(sb.length() > 0 ? "; " : "").append("next-hop MTU ").append(r.mtu());
        }
        String mark = r.unreachableMark();
        if (!mark.isEmpty()) {
            sb.append(sb.length() > 0 ? "; " : "").append(mark);
        }
        return sb.toString();
    }
}
