package org.hopscope.engine.transport.datagram;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** struct sockaddr_in / sockaddr_in6 in native memory: family in host order, port and address in network order. */
final class Sockaddr {
    private Sockaddr() {
    }

    static Memory of(InetAddress address, int port) {
        boolean v6 = address instanceof Inet6Address;
        Memory m = new Memory(v6 ? Linux.SOCKADDR_IN6_SIZE : Linux.SOCKADDR_IN_SIZE);
        m.clear();
        m.setShort(0, (short) (v6 ? Linux.AF_INET6 : Linux.AF_INET));
        m.setByte(2, (byte) (port >>> 8));
        m.setByte(3, (byte) port);
        byte[] a = address.getAddress();
        m.write(v6 ? 8 : 4, a, 0, a.length);
        return m;
    }

    static int size(InetAddress address) {
        return address instanceof Inet6Address ? Linux.SOCKADDR_IN6_SIZE : Linux.SOCKADDR_IN_SIZE;
    }

    /** The address at {@code p}, or null for an unknown family. */
    static InetAddress address(Pointer p, long off) {
        int family = p.getShort(off) & 0xffff;
        try {
            if (family == Linux.AF_INET) {
                return Inet4Address.getByAddress(p.getByteArray(off + 4, 4));
            }
            if (family == Linux.AF_INET6) {
                return Inet6Address.getByAddress(p.getByteArray(off + 8, 16));
            }
        } catch (UnknownHostException e) {
            // cannot happen for 4 or 16 bytes
        }
        return null;
    }

    static int port(Pointer p, long off) {
        return ((p.getByte(off + 2) & 0xff) << 8) | (p.getByte(off + 3) & 0xff);
    }
}
