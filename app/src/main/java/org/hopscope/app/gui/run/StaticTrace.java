package org.hopscope.app.gui.run;

import org.hopscope.app.gui.model.PresentationBuilder;
import org.hopscope.app.gui.model.PresentationOptions;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.engine.trace.TraceSnapshot;

/** A finished trace opened from a file: presented through the same path as a live one, read-only. */
public final class StaticTrace implements TraceJob {
    private final TraceSnapshot snapshot;

    public StaticTrace(TraceSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public boolean running() {
        return false;
    }

    @Override
    public TracePresentation present(PresentationBuilder builder, PresentationOptions options) {
        return builder.single(snapshot, options);
    }

    @Override
    public TraceSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public String failure() {
        return "";
    }

    @Override
    public double progress() {
        return 1;
    }
}
