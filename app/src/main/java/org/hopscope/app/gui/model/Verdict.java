package org.hopscope.app.gui.model;

import java.util.List;

/**
 * One plain-language finding about a trace, linked to the hops it names (clicking it selects them).
 * The engine's analysis package will produce these too; {@link Diagnostician} is the seam.
 */
public record Verdict(Severity severity, String title, String explanation, List<Integer> hops) {
    public enum Severity { OK, INFO, WARNING, PROBLEM }

    public Verdict {
        hops = List.copyOf(hops);
    }

    public int firstHop() {
        return hops.isEmpty() ? -1 : hops.get(0);
    }
}
