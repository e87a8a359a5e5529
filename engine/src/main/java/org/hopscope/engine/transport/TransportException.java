package org.hopscope.engine.transport;

/** The transport as a whole failed (not one probe): missing helper, crashed helper, closed socket. */
public class TransportException extends Exception {
    private final TransportError error;

    public TransportException(TransportError error, String message) {
        super(message);
        this.error = error;
    }

    public TransportException(TransportError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public TransportError error() {
        return error;
    }
}
