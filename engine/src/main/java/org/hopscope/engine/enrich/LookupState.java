package org.hopscope.engine.enrich;

/** Where one lookup (reverse DNS, or AS) of one address stands. */
public enum LookupState {
    /** Queued or under way. */
    PENDING,
    /** Answered with a result. */
    FOUND,
    /** Answered: there is no such record (NXDOMAIN, or no answer of that type). */
    NOT_FOUND,
    /** No answer within the timeout (all attempts). */
    TIMED_OUT,
    /** The server answered with an error (SERVFAIL, REFUSED ...) or the query could not be sent. */
    FAILED,
    /** Not looked up: turned off (numeric mode), or the address is in a reserved range. */
    SKIPPED;

    /** Whether this lookup is over (whatever its outcome). */
    public boolean settled() {
        return this != PENDING;
    }
}
