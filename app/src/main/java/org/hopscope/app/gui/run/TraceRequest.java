package org.hopscope.app.gui.run;

import java.time.Duration;
import org.hopscope.engine.trace.TraceSettings;

/**
 * Everything needed to start a trace from the UI.
 *
 * @param flows how many Paris flows multipath mode sends
 * @param interval time between continuous rounds
 */
public record TraceRequest(TraceSettings settings, TraceMode mode, int flows, Duration interval,
        TransportSource source) {
}
