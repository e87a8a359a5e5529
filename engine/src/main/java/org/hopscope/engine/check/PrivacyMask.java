package org.hopscope.engine.check;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * What the report hides about the user when masking is on: the machine's name, and the host part of its
 * own addresses (IPv4 keeps the /16, IPv6 the /48), which still tells a helpdesk which network it was
 * on. Masked addresses stay valid literals (host bits zeroed) so masked reports still open as traces.
 */
public record PrivacyMask(boolean enabled) {
    public static final PrivacyMask OFF = new PrivacyMask(false);
    public static final PrivacyMask ON = new PrivacyMask(true);
    public static final String HIDDEN = "(masked)";

    public Optional<InetAddress> address(Optional<InetAddress> a) {
        return a.map(this::address);
    }

    public InetAddress address(InetAddress a) {
        if (!enabled || a == null) {
            return a;
        }
        byte[] b = a.getAddress();
        int keep = a instanceof Inet4Address ? 2 : 6;
        for (int i = keep; i < b.length; i++) {
            b[i] = 0;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // a 4- or 16-byte array is always accepted
        }
    }

    public String hostName(String name) {
        return enabled && name != null && !name.isEmpty() ? HIDDEN : name;
    }
}
