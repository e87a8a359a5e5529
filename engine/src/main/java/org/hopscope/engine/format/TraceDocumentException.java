package org.hopscope.engine.format;

/**
 * A trace document could not be read. The message is a complete sentence for the user; {@link
 * #reason()} lets a caller react to the cause (e.g. suggest upgrading on {@link Reason#NEWER_VERSION}).
 */
public final class TraceDocumentException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a document was rejected. */
    public enum Reason {
        /** The input could not be read at all (I/O error). */
        IO,
        /** Not JSON, or truncated JSON. */
        CORRUPT,
        /** Valid JSON, but not a Hopscope trace document (wrong or missing {@code schema}). */
        NOT_A_TRACE,
        /** Written by a newer Hopscope with a document version this one cannot read. */
        NEWER_VERSION,
        /** A trace document whose content is missing fields or has impossible values. */
        INVALID
    }

    private final Reason reason;

    public TraceDocumentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TraceDocumentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
