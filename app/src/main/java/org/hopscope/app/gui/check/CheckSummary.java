package org.hopscope.app.gui.check;

import java.util.Locale;

/**
 * The ticket-body summary of an opened report, in the layout of the engine's
 * {@code CheckReportWriter.text} (a measured report uses that one directly).
 */
final class CheckSummary {
    private CheckSummary() {
    }

    static String text(CheckDocument d) {
        StringBuilder b = new StringBuilder();
        CheckDocument.Machine m = d.machine();
        b.append("Hopscope connectivity check, ").append(d.startedText()).append(": ")
                .append(d.status().toUpperCase(Locale.ROOT)).append('\n');
        b.append("Machine: ").append(m.os()).append(m.hostName() == null || m.hostName().isEmpty() ? ""
                : ", " + m.hostName()).append('\n');
        b.append(CheckReportPainter.networkLine(m)).append('\n');
        for (CheckDocument.Target t : d.targets()) {
            b.append('\n').append(t.target()).append(t.address() == null ? "" : " (" + t.address() + ")")
                    .append(": ").append(t.status().toUpperCase(Locale.ROOT)).append('\n');
            for (CheckDocument.Verdict v : t.verdicts()) {
                b.append(String.format(Locale.ROOT, "  %-9s %-20s %s%n",
                        "[" + v.status().toUpperCase(Locale.ROOT) + "]", v.label(), v.sentence()));
            }
        }
        return b.toString();
    }
}
