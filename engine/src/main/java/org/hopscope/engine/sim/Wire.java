package org.hopscope.engine.sim;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.hopscope.engine.packet.InternetChecksum;

/**
 * In-place edits of packets in flight: what a router does to a packet it forwards (TTL, RFC 1812
 * §5.3.1) and what a NAT rewrites (RFC 3022 §4.2, checksums updated incrementally per RFC 1624).
 * Offsets are RFC 791 / RFC 8200 / RFC 768 / RFC 9293 / RFC 792 ones.
 */
final class Wire {
    static final int V4_TOS = 1;
    static final int V4_TTL = 8;
    static final int V4_PROTOCOL = 9;
    static final int V4_CHECKSUM = 10;
    static final int V4_SOURCE = 12;
    static final int V4_DESTINATION = 16;
    static final int V6_HOP_LIMIT = 7;
    static final int UDP_SPORT = 0;
    static final int UDP_DPORT = 2;
    static final int UDP_CHECKSUM = 6;
    static final int TCP_CHECKSUM = 16;
    static final int ICMP_CHECKSUM = 2;
    static final int ICMP_ID = 4;

    private Wire() {
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static boolean isV6(byte[] p) {
        return (p[0] & 0xff) >>> 4 == 6;
    }

    /** IPv4 header length (IHL × 4). */
    static int ihl(byte[] p, int off) {
        return (p[off] & 0x0f) * 4;
    }

    static int ttl(byte[] p) {
        return p[isV6(p) ? V6_HOP_LIMIT : V4_TTL] & 0xff;
    }

    /** Sets the TTL (hop limit); IPv4's header checksum is recomputed. */
    static void setTtl(byte[] p, int ttl) {
        if (isV6(p)) {
            p[V6_HOP_LIMIT] = (byte) ttl;
        } else {
            p[V4_TTL] = (byte) ttl;
            refreshV4HeaderChecksum(p, 0);
        }
    }

    static void refreshV4HeaderChecksum(byte[] p, int off) {
        put16(p, off + V4_CHECKSUM, 0);
        put16(p, off + V4_CHECKSUM, InternetChecksum.checksum(p, off, ihl(p, off)));
    }

    static InetAddress v4At(byte[] p, int off) {
        byte[] a = new byte[4];
        System.arraycopy(p, off, a, 0, 4);
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static InetAddress sourceOf(byte[] p) {
        if (isV6(p)) {
            byte[] a = new byte[16];
            System.arraycopy(p, 8, a, 0, 16);
            try {
                return Inet6Address.getByAddress(null, a, -1);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        return v4At(p, V4_SOURCE);
    }

    static InetAddress destinationOf(byte[] p) {
        if (isV6(p)) {
            byte[] a = new byte[16];
            System.arraycopy(p, 24, a, 0, 16);
            try {
                return Inet6Address.getByAddress(null, a, -1);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        return v4At(p, V4_DESTINATION);
    }

    /**
     * RFC 1624 eqn. 3: the checksum after a 16-bit word covered by it changed from {@code oldWord}
     * to {@code newWord}: HC' = ~(~HC + ~m + m').
     */
    static int adjust(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** {@link #adjust} for a 32-bit IPv4 address change (two words). */
    static int adjustAddress(int checksum, byte[] oldAddr, byte[] newAddr) {
        int c = adjust(checksum, ((oldAddr[0] & 0xff) << 8) | (oldAddr[1] & 0xff),
                ((newAddr[0] & 0xff) << 8) | (newAddr[1] & 0xff));
        return adjust(c, ((oldAddr[2] & 0xff) << 8) | (oldAddr[3] & 0xff),
                ((newAddr[2] & 0xff) << 8) | (newAddr[3] & 0xff));
    }

    /** A UDP checksum computed as 0 goes out as 0xffff (RFC 768); a 0 field means "none" and stays. */
    static int udpChecksum(int c) {
        return c == 0 ? 0xffff : c;
    }
}
