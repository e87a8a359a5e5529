package org.hopscope.engine.trace;

/** Where a probe stands. */
public enum ProbeOutcome {
    /** Sent; neither answered nor timed out yet. */
    PENDING,
    /** Answered (see its {@link Reply}). */
    ANSWERED,
    /** No reply within the wait time. */
    TIMED_OUT,
    /** The transport could not send it (see its error). */
    SEND_FAILED,
    /** Not waited for: sent beyond the destination's distance, or the trace was stopped. */
    ABANDONED
}
