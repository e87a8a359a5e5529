package org.hopscope.app.gui.run;

/** What kind of trace the Start button runs. */
public enum TraceMode {
    PARIS("Single path (Paris)", "One flow, held constant: the path one connection takes."),
    MULTIPATH("Multipath (MDA-Lite)", "Every load-balanced path to the destination, for few probes (MDA-Lite)."),
    MDA("Multipath (full MDA)", "Every load-balanced path, node by node: more probes, also for meshed balancers."),
    FLOWS("Multipath (N Paris flows)", "N fixed flows, one Paris trace each, like NetBeez path analysis."),
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
