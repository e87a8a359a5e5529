package org.hopscope.engine.format;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals, parsed without any name lookup. {@link InetAddress#getByName} falls back to
 * DNS for anything that is not a literal (even "1abc.example"), which a document reader or a CLI that
 * must not block cannot afford.
 */
public final class AddressLiterals {
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Hex groups, colons, an optional embedded IPv4 tail and an optional numeric or named scope. */
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[0-9A-Za-z_.-]{1,32})?");

    private AddressLiterals() {
    }

    /** The address {@code text} spells (dotted-quad IPv4 or IPv6 text), or null if it is not a literal. */
    public static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            if (IPV4.matcher(text).matches()) {
                String[] parts = text.split("\\.");
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    b[i] = (byte) Integer.parseInt(parts[i]);
                }
                return InetAddress.getByAddress(b);
            }
            if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()) {
                // In brackets Java parses an IPv6 literal or fails; it never looks the text up.
                InetAddress a = InetAddress.getByName("[" + text + "]");
                return a instanceof Inet6Address || a instanceof Inet4Address ? a : null;
            }
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /**
     * The address as text: dotted quad for IPv4; for IPv6 the RFC 5952 form (lower case, no leading
     * zeros, the longest run of two or more zero groups as "::"), plus "%scope" if it has one.
     */
    public static String format(InetAddress a) {
        if (!(a instanceof Inet6Address v6)) {
            return a.getHostAddress();
        }
        byte[] b = v6.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        String text = v6.getHostAddress();
        int pct = text.indexOf('%');
        return pct >= 0 ? sb + text.substring(pct) : sb.toString();
    }

    /** Whether {@code text} is an IP address literal. */
    public static boolean isLiteral(String text) {
        return parse(text) != null;
    }
}
