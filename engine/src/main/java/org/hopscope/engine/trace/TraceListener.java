package org.hopscope.engine.trace;

/**
 * Receives a trace's events as they happen, on the engine's thread. Implementations must return
 * quickly and never block (a UI hands the event to its own thread and returns).
 */
@FunctionalInterface
public interface TraceListener {
    void onEvent(TraceEvent event);
}
