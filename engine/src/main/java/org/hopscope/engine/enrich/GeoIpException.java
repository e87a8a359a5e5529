package org.hopscope.engine.enrich;

import java.nio.file.Path;

/** A GeoIP database file that cannot be used, with a sentence for the user. */
public final class GeoIpException extends Exception {
    /** Why the file cannot be used. */
    public enum Reason {
        /** No such file. */
        NOT_FOUND,
        /** It exists but cannot be read (permissions, a directory, an I/O error). */
        UNREADABLE,
        /** It is not a valid MaxMind DB file (truncated, corrupt, another format). */
        CORRUPT,
        /** A valid MaxMind DB, but not a kind Hopscope reads (City, Country or ASN). */
        UNSUPPORTED_TYPE
    }

    private final Reason reason;
    private final Path file;

    public GeoIpException(Reason reason, Path file, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.file = file;
    }

    public Reason reason() {
        return reason;
    }

    public Path file() {
        return file;
    }
}
