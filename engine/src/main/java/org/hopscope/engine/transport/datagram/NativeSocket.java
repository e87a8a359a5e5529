package org.hopscope.engine.transport.datagram;

import com.sun.jna.Memory;
import java.net.InetAddress;

/**
 * One non-blocking datagram socket (UDP, or an ICMP "ping" socket), as a file descriptor. Every
 * method reports failure through errno; nothing here knows about probes.
 */
final class NativeSocket implements AutoCloseable {
    private final int fd;
    private final boolean v6;
    private final Memory intBuf = new Memory(4);
    private Memory sendBuf = new Memory(2048);

    private NativeSocket(int fd, boolean v6) {
        this.fd = fd;
        this.v6 = v6;
    }

    /** Opens a socket, or throws {@link NativeException} carrying errno (EACCES: ping sockets not allowed). */
    static NativeSocket open(boolean v6, int protocol) throws NativeException {
        int fd = LibC.socket(v6 ? Linux.AF_INET6 : Linux.AF_INET,
                Linux.SOCK_DGRAM | Linux.SOCK_NONBLOCK | Linux.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw NativeException.last("socket");
        }
        return new NativeSocket(fd, v6);
    }

    int fd() {
        return fd;
    }

    boolean v6() {
        return v6;
    }

    void setInt(int level, int name, int value) throws NativeException {
        intBuf.setInt(0, value);
        if (LibC.setsockopt(fd, level, name, intBuf, 4) != 0) {
            throw NativeException.last("setsockopt(" + level + "," + name + ")");
        }
    }

    /** Like {@link #setInt} but reports success instead of throwing: for options older kernels lack. */
    boolean trySetInt(int level, int name, int value) {
        intBuf.setInt(0, value);
        return LibC.setsockopt(fd, level, name, intBuf, 4) == 0;
    }

    /** Reads and clears a pending asynchronous error (SO_ERROR), so it cannot fail the next send. */
    int takeError() {
        Memory len = new Memory(4);
        len.setInt(0, 4);
        return LibC.getsockopt(fd, Linux.SOL_SOCKET, Linux.SO_ERROR, intBuf, len) == 0 ? intBuf.getInt(0) : 0;
    }

    void bind(InetAddress address, int port) throws NativeException {
        Memory sa = Sockaddr.of(address, port);
        if (LibC.bind(fd, sa, (int) sa.size()) != 0) {
            throw NativeException.last("bind(" + address.getHostAddress() + ":" + port + ")");
        }
    }

    /** The local port (for a ping socket: the ICMP echo identifier the kernel writes). */
    int localPort() throws NativeException {
        Memory sa = new Memory(Linux.SOCKADDR_IN6_SIZE);
        Memory len = new Memory(4);
        len.setInt(0, (int) sa.size());
        if (LibC.getsockname(fd, sa, len) != 0) {
            throw NativeException.last("getsockname");
        }
        return Sockaddr.port(sa, 0);
    }

    /** Sends one datagram; returns 0 or errno. */
    int sendTo(byte[] data, int off, int len, InetAddress to, int port) {
        if (sendBuf.size() < len) {
            sendBuf = new Memory(len);
        }
        sendBuf.write(0, data, off, len);
        Memory sa = Sockaddr.of(to, port);
        long n = LibC.sendto(fd, sendBuf, len, 0, sa, (int) sa.size());
        return n < 0 ? LibC.errno() : 0;
    }

    @Override
    public void close() {
        LibC.close(fd);
    }
}
