package org.hopscope.engine.pmtu;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv6Builder;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;

/**
 * A minimal raw-socket transport for namespace tests (root, Linux): sends engine-crafted packets as
 * they are (IPPROTO_RAW, header included) and hands back every ICMP/ICMPv6 packet received. Only for
 * a child JVM running inside a test namespace: never used from the root namespace. The product's
 * transport is the native helper's.
 */
final class RawSocketTransport implements ProbeTransport {
    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen) throws LastErrorException;

        long recvfrom(int fd, byte[] buf, long len, int flags, byte[] addr, IntByReference addrLen)
                throws LastErrorException;

        int poll(byte[] fds, long nfds, int timeoutMs) throws LastErrorException;

        int setsockopt(int fd, int level, int name, int[] value, int len) throws LastErrorException;

        int close(int fd);
    }

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_RAW = 3;
    private static final int IPPROTO_RAW = 255;
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int MSG_DONTWAIT = 0x40;

    private final InetAddress source;
    private final boolean v6;
    private final int sendFd;
    private final int recvFd;
    private final List<TransportEvent> ready = new ArrayList<>();

    RawSocketTransport(InetAddress source) {
        this.source = source;
        this.v6 = source instanceof Inet6Address;
        LibC c = LibC.INSTANCE;
        sendFd = c.socket(v6 ? AF_INET6 : AF_INET, SOCK_RAW, IPPROTO_RAW);
        recvFd = c.socket(v6 ? AF_INET6 : AF_INET, SOCK_RAW, v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
        // Refuse locally only what the interface cannot carry, not what the kernel learned of the
        // path MTU from earlier runs: IP_MTU_DISCOVER / IPV6_MTU_DISCOVER = *_PMTUDISC_PROBE.
        c.setsockopt(sendFd, v6 ? 41 : 0, v6 ? 23 : 10, new int[] {3}, 4);
    }

    @Override
    public TransportInfo info() {
        return new TransportInfo(TransportInfo.Kind.HELPER, "test-raw", Set.of(ProbeProtocol.UDP, ProbeProtocol.ICMP),
                true, true, List.of());
    }

    @Override
    public InetAddress sourceAddressFor(InetAddress destination) {
        return source;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    private static byte[] sockaddr(InetAddress a) {
        byte[] ip = a.getAddress();
        if (ip.length == 4) {
            byte[] s = new byte[16];
            s[0] = AF_INET;
            System.arraycopy(ip, 0, s, 4, 4);
            return s;
        }
        byte[] s = new byte[28];
        s[0] = AF_INET6;
        System.arraycopy(ip, 0, s, 8, 16);
        return s;
    }

    @Override
    public void send(long token, byte[] packet, long timeoutNanos) throws TransportException {
        InetAddress dst;
        try {
            dst = InetAddress.getByAddress(v6 ? Arrays.copyOfRange(packet, 24, 40) : Arrays.copyOfRange(packet, 16, 20));
        } catch (java.net.UnknownHostException e) {
            throw new TransportException(TransportError.INVALID_REQUEST, e.getMessage());
        }
        byte[] sa = sockaddr(dst);
        try {
            LibC.INSTANCE.sendto(sendFd, packet, packet.length, 0, sa, sa.length);
            ready.add(new TransportEvent.Sent(token, System.nanoTime()));
        } catch (LastErrorException e) {
            ready.add(new TransportEvent.SendFailed(token, TransportError.SEND_FAILED,
                    "errno " + e.getErrorCode() + (e.getErrorCode() == 90 ? " (Message too long)" : "")));
        }
    }

    @Override
    public List<TransportEvent> poll(long deadlineNanos) throws TransportException {
        List<TransportEvent> out = new ArrayList<>(ready);
        ready.clear();
        while (out.isEmpty()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return out;
            }
            byte[] pfd = new byte[8];
            pfd[0] = (byte) recvFd;
            pfd[1] = (byte) (recvFd >> 8);
            pfd[4] = 1; // POLLIN
            int ms = (int) Math.max(1, Math.min(left / 1_000_000, 100));
            if (LibC.INSTANCE.poll(pfd, 1, ms) <= 0) {
                continue;
            }
            readAll(out);
        }
        return out;
    }

    private void readAll(List<TransportEvent> out) {
        byte[] buf = new byte[65536];
        while (true) {
            byte[] sa = new byte[28];
            IntByReference len = new IntByReference(sa.length);
            long n;
            try {
                n = LibC.INSTANCE.recvfrom(recvFd, buf, buf.length, MSG_DONTWAIT, sa, len);
            } catch (LastErrorException e) {
                return; // EAGAIN: drained
            }
            long now = System.nanoTime();
            byte[] pkt = Arrays.copyOf(buf, (int) n);
            if (v6) {
                try {
                    InetAddress from = InetAddress.getByAddress(Arrays.copyOfRange(sa, 8, 24));
                    pkt = new Ipv6Builder().source(from).destination(source).hopLimit(64)
                            .nextHeader(IpProtocol.ICMPV6).payload(pkt).build();
                } catch (java.net.UnknownHostException e) {
                    continue;
                }
            }
            out.add(new TransportEvent.Received(pkt, now, TransportEvent.Received.NO_TOKEN));
        }
    }

    @Override
    public void close() {
        LibC.INSTANCE.close(sendFd);
        LibC.INSTANCE.close(recvFd);
    }
}
