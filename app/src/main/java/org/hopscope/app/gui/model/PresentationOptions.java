package org.hopscope.app.gui.model;

/**
 * What a presentation depends on besides the trace: thresholds, labels (names and privacy mask), the
 * focus window, and the hop the user selected (its timeline is drawn in continuous mode).
 */
public record PresentationOptions(LatencyThresholds thresholds, AddressLabeler labels, FocusWindow focus,
        int selectedTtl) {
    public static final PresentationOptions DEFAULT =
            new PresentationOptions(LatencyThresholds.DEFAULT, AddressLabeler.PLAIN, null, -1);

    public PresentationOptions withFocus(FocusWindow f) {
        return new PresentationOptions(thresholds, labels, f, selectedTtl);
    }

    public PresentationOptions withLabels(AddressLabeler l) {
        return new PresentationOptions(thresholds, l, focus, selectedTtl);
    }

    public PresentationOptions withSelectedTtl(int ttl) {
        return new PresentationOptions(thresholds, labels, focus, ttl);
    }

    public PresentationOptions withThresholds(LatencyThresholds t) {
        return new PresentationOptions(t, labels, focus, selectedTtl);
    }
}
