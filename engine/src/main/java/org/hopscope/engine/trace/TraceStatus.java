package org.hopscope.engine.trace;

/** Where a trace stands. */
public enum TraceStatus {
    RUNNING,
    /** The destination answered. */
    REACHED,
    /** Max TTL reached, too many silent hops, or an unreachable reply ended the trace. */
    NOT_REACHED,
    /** The user stopped it. */
    STOPPED,
    /** The transport failed; the results so far are kept. */
    FAILED
}
