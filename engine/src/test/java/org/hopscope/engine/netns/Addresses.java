package org.hopscope.engine.netns;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses literal addresses, and enforces the harness's rule: documentation/benchmark ranges only. */
public final class Addresses {
    private Addresses() {
    }

    public static InetAddress of(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /**
     * Whether {@code a} lies in 198.18.0.0/15 (RFC 2544, benchmarking) or 2001:db8::/32 (RFC 3849,
     * documentation): the only addresses a topology may use, so nothing can collide with or route to
     * a real network.
     */
    public static boolean allowed(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 198 && ((b[1] & 0xff) == 18 || (b[1] & 0xff) == 19);
        }
        return (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
    }

    static InetAddress checked(String literal) {
        InetAddress a = of(literal);
        if (!allowed(a)) {
            throw new IllegalArgumentException(literal + " is outside 198.18.0.0/15 and 2001:db8::/32");
        }
        return a;
    }
}
