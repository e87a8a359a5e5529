package org.hopscope.app.gui.run;

import org.hopscope.app.gui.model.PresentationBuilder;
import org.hopscope.app.gui.model.PresentationOptions;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * One running trace on its own engine thread. It never touches the FX thread: it only signals
 * {@code changed} (cheap, from the engine thread); the dispatcher then calls {@link #present} on its
 * worker thread.
 */
public interface TraceJob {
    void start();

    /** Ask it to stop; results so far are kept. Any thread. */
    void stop();

    boolean running();

    /** The view state now, or null before the first probe; called off the FX thread. */
    TracePresentation present(PresentationBuilder builder, PresentationOptions options);

    /** The trace as it stands (for saving, exporting), or null before it started. */
    TraceSnapshot snapshot();

    /** Which transport the job uses and what that implies, once it is open; "" before or if none. */
    default String transportNote() {
        return "";
    }

    /** Why the job could not start or failed, or "" (e.g. unknown host). */
    String failure();

    /** How many probes are expected in all, for the progress bar; 0 when open-ended. */
    default double progress() {
        return -1;
    }
}
