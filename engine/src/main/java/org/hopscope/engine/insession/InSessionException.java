package org.hopscope.engine.insession;

/** Why an InSession trace could not run; {@link #kind()} for code, the message for people. */
public final class InSessionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, each with what it means for the user. */
    public enum Kind {
        /** No SYN-ACK within the connect timeout: a firewall drops our SYN, or the host is down. */
        DESTINATION_SILENT,
        /** RST to our SYN: nothing listens on the port. */
        CONNECTION_REFUSED,
        /** The SYN-ACK lacks SACK-permitted (RFC 2018 §2): without SACK the destination's ACKs cannot say which probe arrived. */
        SACK_NOT_PERMITTED,
        /** The destination (or a middlebox) reset the connection during the trace. */
        RESET,
        /** The helper could not be started or refused the watch/probes. */
        HELPER,
        /** Local failure: no route, no source address. */
        LOCAL
    }

    private final Kind kind;

    public InSessionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public InSessionException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
