package org.hopscope.engine.trace;

/** What a running trace tells its listeners, in order, on the engine's thread. */
public sealed interface TraceEvent {

    record Started(TraceSnapshot snapshot) implements TraceEvent {
    }

    record ProbeSent(ProbeRecord probe) implements TraceEvent {
    }

    /** A probe was answered, timed out, failed or was abandoned. */
    record ProbeCompleted(ProbeRecord probe) implements TraceEvent {
    }

    record Finished(TraceSnapshot snapshot) implements TraceEvent {
    }
}
