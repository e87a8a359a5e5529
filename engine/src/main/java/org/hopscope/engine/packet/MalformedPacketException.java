package org.hopscope.engine.packet;

/**
 * The one typed error of the packet layer: the bytes are too short or inconsistent for what was asked.
 *
 * <p>Views never throw unchecked exceptions because of the bytes they were given; a caller handling
 * untrusted input (every reply read from a raw socket is untrusted) needs to catch only this.
 */
public final class MalformedPacketException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;

    /**
     * @param what   what was wrong, e.g. "UDP header needs 8 bytes, 5 available"
     * @param offset where, in bytes from the start of the buffer being parsed
     */
    public MalformedPacketException(String what, int offset) {
        super(what + " (at offset " + offset + ")");
        this.offset = offset;
    }

    /** Byte offset, from the start of the buffer being parsed, at which the problem was found. */
    public int offset() {
        return offset;
    }
}
