package org.hopscope.app.gui.run;

/** What kind of trace the Start button runs. */
public enum TraceMode {
    PARIS("Single path (Paris)", "One flow, held constant: the path one connection takes."),
    MULTIPATH("Multipath", "Many flows at once: every load-balanced path to the destination."),
    CONTINUOUS("Continuous (mtr-style)", "Repeats the trace at an interval; statistics over all rounds."),
    CLASSIC("Classic (for comparison)", "Varies the flow with every probe like traceroute(8): shows false links.");

    private final String label;
    private final String description;

    TraceMode(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return label;
    }
}
