package org.hopscope.engine.enrich;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Team Cymru's IP-to-ASN DNS interface: query names and TXT answer parsing. Pure.
 *
 * <ul>
 *   <li>{@code 4.3.2.1.origin.asn.cymru.com TXT} → {@code "ASN | prefix | CC | registry | date"}
 *       (the ASN field may hold several space-separated origins);</li>
 *   <li>{@code <32 reversed nibbles>.origin6.asn.cymru.com TXT} → the same for IPv6;</li>
 *   <li>{@code AS<n>.asn.cymru.com TXT} → {@code "ASN | CC | registry | date | name"}.</li>
 * </ul>
 */
public final class Cymru {
    public static final String DEFAULT_ZONE = "asn.cymru.com";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Cymru() {
    }

    /** The origin query name for an address, absolute (trailing dot), under {@code zone}. */
    public static String originQuery(InetAddress address, String zone) {
        byte[] b = address.getAddress();
        StringBuilder sb = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = b.length - 1; i >= 0; i--) {
                sb.append(b[i] & 0xFF).append('.');
            }
            return sb.append("origin.").append(zone).append('.').toString();
        }
        for (int i = b.length - 1; i >= 0; i--) {
            sb.append(HEX[b[i] & 0xF]).append('.').append(HEX[(b[i] >> 4) & 0xF]).append('.');
        }
        return sb.append("origin6.").append(zone).append('.').toString();
    }

    /** The AS-description query name: {@code AS15169.asn.cymru.com.}. */
    public static String asNameQuery(long asn, String zone) {
        return "AS" + asn + "." + zone + ".";
    }

    /**
     * Parses one origin answer, e.g. {@code "15169 | 8.8.8.0/24 | US | arin | 2023-12-28"}. Empty when
     * the text is not of that form (no numeric ASN first).
     */
    public static Optional<AsInfo> parseOrigin(String txt) {
        String[] f = fields(txt);
        if (f.length < 2) {
            return Optional.empty();
        }
        List<Long> asns = new ArrayList<>();
        for (String a : f[0].split("\\s+")) {
            Optional<Long> n = asNumber(a);
            if (n.isEmpty()) {
                return Optional.empty();
            }
            asns.add(n.get());
        }
        if (asns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AsInfo(asns.get(0), asns.subList(1, asns.size()), f[1], field(f, 2),
                field(f, 3).toLowerCase(Locale.ROOT), field(f, 4), ""));
    }

    /**
     * Parses an AS description answer, e.g. {@code "15169 | US | arin | 2000-03-30 | GOOGLE - Google
     * LLC, US"}, into the name. Empty unless the ASN matches {@code asn} and a name is present.
     */
    public static Optional<String> parseAsName(String txt, long asn) {
        String[] f = fields(txt);
        if (f.length < 5 || asNumber(f[0]).filter(n -> n == asn).isEmpty()) {
            return Optional.empty();
        }
        String name = String.join(" | ", java.util.Arrays.copyOfRange(f, 4, f.length)).trim();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /** Of several origin answers (more and less specific prefixes), the most specific one. */
    public static Optional<AsInfo> mostSpecific(List<String> txts) {
        AsInfo best = null;
        for (String t : txts) {
            Optional<AsInfo> a = parseOrigin(t);
            if (a.isPresent() && (best == null || prefixLength(a.get().prefix()) > prefixLength(best.prefix()))) {
                best = a.get();
            }
        }
        return Optional.ofNullable(best);
    }

    static int prefixLength(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String[] fields(String txt) {
        String[] f = txt.split("\\|", -1);
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].trim();
        }
        return f;
    }

    private static String field(String[] f, int i) {
        return i < f.length ? f[i] : "";
    }

    private static Optional<Long> asNumber(String s) {
        String t = s.trim();
        if (t.regionMatches(true, 0, "AS", 0, 2)) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        long n = Long.parseLong(t);
        return n <= 0xFFFF_FFFFL ? Optional.of(n) : Optional.empty();
    }
}
