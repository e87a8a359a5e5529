package org.hopscope.engine.enrich;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Classifies addresses in private and reserved ranges (RFC 6890 and the IANA special-purpose
 * registries). The most specific block wins. Pure and thread-safe.
 */
public final class ReservedRanges {
    private record Block(byte[] network, int prefix, ReservedRange range) {
    }

    private static final List<Block> BLOCKS = new ArrayList<>();

    static {
        // IPv4
        add("0.0.0.0/8", "this network", "RFC 791", false);
        add("10.0.0.0/8", "private", "RFC 1918", true);
        add("100.64.0.0/10", "shared address space", "RFC 6598", true);
        add("127.0.0.0/8", "loopback", "RFC 1122", true);
        add("169.254.0.0/16", "link-local", "RFC 3927", true);
        add("172.16.0.0/12", "private", "RFC 1918", true);
        add("192.0.0.0/24", "IETF protocol assignments", "RFC 6890", true);
        add("192.0.2.0/24", "documentation", "RFC 5737", true);
        add("192.88.99.0/24", "6to4 relay anycast", "RFC 7526", true);
        add("192.168.0.0/16", "private", "RFC 1918", true);
        add("198.18.0.0/15", "benchmarking", "RFC 2544", true);
        add("198.51.100.0/24", "documentation", "RFC 5737", true);
        add("203.0.113.0/24", "documentation", "RFC 5737", true);
        add("224.0.0.0/4", "multicast", "RFC 5771", false);
        add("240.0.0.0/4", "reserved", "RFC 1112", false);
        add("255.255.255.255/32", "limited broadcast", "RFC 919", false);
        // IPv6
        add("::/128", "unspecified", "RFC 4291", false);
        add("::1/128", "loopback", "RFC 4291", true);
        add("64:ff9b:1::/48", "local-use translation", "RFC 8215", true);
        add("100::/64", "discard-only", "RFC 6666", false);
        add("2001:2::/48", "benchmarking", "RFC 5180", true);
        add("2001:10::/28", "ORCHID", "RFC 4843", false);
        add("2001:20::/28", "ORCHIDv2", "RFC 7343", false);
        add("2001:db8::/32", "documentation", "RFC 3849", true);
        add("3fff::/20", "documentation", "RFC 9637", true);
        add("fc00::/7", "private", "RFC 4193", true);
        add("fe80::/10", "link-local", "RFC 4291", true);
        add("ff00::/8", "multicast", "RFC 4291", false);
    }

    private ReservedRanges() {
    }

    private static void add(String cidr, String label, String reference, boolean reverseDns) {
        int slash = cidr.indexOf('/');
        try {
            byte[] net = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            BLOCKS.add(new Block(net, Integer.parseInt(cidr.substring(slash + 1)),
                    new ReservedRange(cidr, label, reference, reverseDns)));
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The reserved block {@code address} lies in, or empty for an ordinary public address. */
    public static Optional<ReservedRange> classify(InetAddress address) {
        byte[] a = address.getAddress();
        Block best = null;
        for (Block b : BLOCKS) {
            if (b.network.length == a.length && contains(b.network, b.prefix, a)
                    && (best == null || b.prefix > best.prefix)) {
                best = b;
            }
        }
        return Optional.ofNullable(best).map(Block::range);
    }

    /** Whether {@code address} is an ordinary public address whose AS is worth looking up. */
    public static boolean isPublic(InetAddress address) {
        return classify(address).isEmpty();
    }

    /** Whether the first {@code prefix} bits of {@code address} equal those of {@code network}. */
    static boolean contains(byte[] network, int prefix, byte[] address) {
        if (network.length != address.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (network[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (network[full] & mask) == (address[full] & mask);
    }
}
