package org.hopscope.app.gui.model;

import java.net.InetAddress;
import java.util.Map;
import java.util.function.Function;

/**
 * How an address is written everywhere (table, canvas, exports): its literal or host name, or
 * "hidden" when a privacy mask covers it (the first N hops, our own source address). One place, so
 * an export can never show what the mask hides.
 */
public final class AddressLabeler {
    public static final String HIDDEN = "(hidden)";
    public static final AddressLabeler PLAIN = new AddressLabeler(PrivacyMask.NONE, null, a -> null);

    private final PrivacyMask mask;
    private final InetAddress source;
    private final Function<InetAddress, String> names;

    public AddressLabeler(PrivacyMask mask, InetAddress source, Function<InetAddress, String> names) {
        this.mask = mask;
        this.source = source;
        this.names = names == null ? a -> null : names;
    }

    public static AddressLabeler withNames(Map<InetAddress, String> names) {
        return new AddressLabeler(PrivacyMask.NONE, null, names::get);
    }

    public AddressLabeler masked(PrivacyMask m, InetAddress sourceAddress) {
        return new AddressLabeler(m, sourceAddress, names);
    }

    public PrivacyMask mask() {
        return mask;
    }

    public boolean hides(InetAddress a, int ttl) {
        return (ttl > 0 && ttl <= mask.firstHops()) || (mask.hideSource() && a != null && a.equals(source));
    }

    public String address(InetAddress a, int ttl) {
        if (a == null) {
            return "*";
        }
        return hides(a, ttl) ? HIDDEN : a.getHostAddress();
    }

    /** The host name, or "" when unknown or masked. */
    public String name(InetAddress a, int ttl) {
        if (a == null || hides(a, ttl)) {
            return "";
        }
        String n = names.apply(a);
        return n == null || n.equals(a.getHostAddress()) ? "" : n;
    }

    /** Name if known, else address: the short label a canvas node carries. */
    public String shortLabel(InetAddress a, int ttl) {
        String n = name(a, ttl);
        return n.isEmpty() ? address(a, ttl) : n;
    }

    public String sourceText(InetAddress a) {
        if (a == null) {
            return "?";
        }
        return mask.hideSource() ? HIDDEN : a.getHostAddress();
    }

    public Function<InetAddress, String> names() {
        return names;
    }
}
