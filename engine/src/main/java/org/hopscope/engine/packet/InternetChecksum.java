package org.hopscope.engine.packet;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The Internet checksum of RFC 1071: the 16-bit ones'-complement of the ones'-complement sum of
 * 16-bit big-endian words.
 *
 * <p>Sums are kept unfolded in a {@code long} so that pieces (pseudo-header, header, payload) can be
 * added before one final {@link #fold}. RFC 1071 §2(B): the sum is independent of byte order and of
 * grouping, provided every piece but the last has an even length.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** The value to store in a checksum field covering {@code data[off, off+len)} (field zeroed). */
    public static int checksum(byte[] data, int off, int len) {
        return fold(partialSum(data, off, len));
    }

    /**
     * Ones'-complement accumulator over {@code len} bytes; an odd last byte is padded with a zero octet
     * (RFC 1071 §4.1). Unfolded: add several partial sums, then {@link #fold} once.
     */
    public static long partialSum(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        long sum = 0;
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    /**
     * Sum of the pseudo-header that UDP, TCP and ICMPv6 checksums cover: RFC 768 / RFC 793 §3.1 for
     * IPv4 (src, dst, zero, protocol, 16-bit length), RFC 8200 §8.1 for IPv6 (src, dst, 32-bit
     * upper-layer length, three zero octets, next header).
     *
     * @throws IllegalArgumentException if the two addresses are not of the same family
     */
    public static long pseudoHeaderSum(InetAddress src, InetAddress dst, int protocol, int upperLayerLength) {
        byte[] s = src.getAddress();
        byte[] d = dst.getAddress();
        if (s.length != d.length) {
            throw new IllegalArgumentException("source and destination must be of the same address family: "
                    + src + ", " + dst);
        }
        long sum = partialSum(s, 0, s.length) + partialSum(d, 0, d.length);
        sum += protocol & 0xff;
        if (s.length == 4) {
            sum += upperLayerLength & 0xffff;
        } else {
            sum += (upperLayerLength >>> 16) & 0xffff;
            sum += upperLayerLength & 0xffff;
        }
        return sum;
    }

    /** Folds the carries back in (RFC 1071 §4.1) and complements: the 16-bit field value. */
    public static int fold(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }

    /** True when a sum taken over data that includes its own checksum field verifies (folds to 0). */
    static boolean verifies(long sumIncludingChecksumField) {
        return fold(sumIncludingChecksumField) == 0;
    }
}
