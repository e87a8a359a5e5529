package org.hopscope.engine.transport.datagram;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc calls the datagram transport makes, bound with JNA direct mapping. None throws: a call
 * returns -1 and {@link Native#getLastError()} holds errno (JNA saves it after every call).
 */
final class LibC {
    static {
        Native.register("c");
    }

    private LibC() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, Pointer addr, int len);

    static native int setsockopt(int fd, int level, int name, Pointer value, int len);

    static native int getsockopt(int fd, int level, int name, Pointer value, Pointer len);

    static native int getsockname(int fd, Pointer addr, Pointer len);

    static native long sendto(int fd, Pointer buf, long len, int flags, Pointer addr, int addrLen);

    static native long recvmsg(int fd, Pointer msg, int flags);

    static native int ppoll(Pointer fds, long nfds, Pointer timeout, Pointer sigmask);

    static native int eventfd(int initval, int flags);

    static native long write(int fd, Pointer buf, long count);

    static native long read(int fd, Pointer buf, long count);

    static native int close(int fd);

    static native String strerror(int errnum);

    static int errno() {
        return Native.getLastError();
    }
}
