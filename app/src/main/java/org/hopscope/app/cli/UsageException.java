package org.hopscope.app.cli;

/**
 * The command line cannot be carried out as given: a bad flag or value, a target that does not
 * resolve, no usable transport. The message is one line for stderr, without the "hopscope: " prefix;
 * the exit status is 2.
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
