package org.hopscope.app.gui.model;

import java.net.InetAddress;
import java.util.List;
import org.hopscope.engine.analysis.Finding;

/**
 * One plain-language finding about a trace as the diagnosis panel shows it, linked to the hops and
 * addresses it names (clicking it selects them). Almost all come from the engine's {@link
 * org.hopscope.engine.analysis.PathAnalysis} ({@link #kind} set); the few the GUI adds itself (the
 * user's latency thresholds, a failed probe run) have no kind.
 *
 * @param kind the engine finding's kind, or null for a verdict of the GUI's own
 * @param evidence what was measured (quoted fields, counts), shown under the sentence; may be empty
 * @param addresses the interfaces the finding names, in the order its text names them
 */
public record Verdict(Severity severity, String title, String explanation, List<Integer> hops,
        Finding.Kind kind, String evidence, List<InetAddress> addresses) {
    public enum Severity { OK, INFO, WARNING, PROBLEM }

    public Verdict {
        hops = List.copyOf(hops);
        addresses = List.copyOf(addresses);
        evidence = evidence == null ? "" : evidence;
    }

    /** A verdict of the GUI's own, not from the engine. */
    public Verdict(Severity severity, String title, String explanation, List<Integer> hops) {
        this(severity, title, explanation, hops, null, "", List.of());
    }

    public int firstHop() {
        return hops.isEmpty() ? -1 : hops.get(0);
    }

    /** The first address named, or null. */
    public InetAddress firstAddress() {
        return addresses.isEmpty() ? null : addresses.get(0);
    }
}
