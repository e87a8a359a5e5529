package org.hopscope.engine.continuous;

/**
 * Told, on the engine thread, that something changed: a probe of the running round completed or a
 * round ended. Must return at once; take {@link ContinuousTracer#snapshot()} later, elsewhere.
 */
@FunctionalInterface
public interface ContinuousListener {
    void changed(boolean roundFinished);
}
