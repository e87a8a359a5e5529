package org.hopscope.engine.transport.datagram;

/** A libc call failed; {@link #errno()} says why. */
final class NativeException extends Exception {
    private final int errno;

    NativeException(String call, int errno) {
        super(call + ": " + LibC.strerror(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    static NativeException last(String call) {
        return new NativeException(call, LibC.errno());
    }

    int errno() {
        return errno;
    }
}
