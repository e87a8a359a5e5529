package org.hopscope.app.gui.model;

/**
 * What exports and screenshots must not show (Open Visual Traceroute and Trippy offer the same):
 * the first {@code firstHops} hops (home network, ISP edge) and our own source/public address.
 */
public record PrivacyMask(int firstHops, boolean hideSource) {
    public static final PrivacyMask NONE = new PrivacyMask(0, false);

    public PrivacyMask {
        if (firstHops < 0 || firstHops > 255) {
            throw new IllegalArgumentException("hops to mask must be 0..255");
        }
    }

    public boolean active() {
        return firstHops > 0 || hideSource;
    }
}
