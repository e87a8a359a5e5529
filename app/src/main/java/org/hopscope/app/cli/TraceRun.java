package org.hopscope.app.cli;

import java.net.InetAddress;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.mda.MdaSettings;
import org.hopscope.engine.mda.MultipathTracer;
import org.hopscope.engine.trace.TraceListener;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/** A trace the CLI runs: single-path ({@link Tracer}) or multipath ({@link MultipathTracer}, -a exhaustive|lite). */
interface TraceRun {
    TraceSnapshot run();

    void stop();

    /** Adds a listener for incremental updates (enrichment starts lookups as addresses appear). */
    void listener(TraceListener l);

    static TraceRun create(TraceSettings settings, ProbeTransport transport, InetAddress target)
            throws TransportException {
        if (settings.algorithm().multipath()) {
            MultipathTracer m = new MultipathTracer(settings, MdaSettings.defaults(), transport, target);
            return new TraceRun() {
                public TraceSnapshot run() {
                    return m.run();
                }

                public void stop() {
                    m.stop();
                }

                public void listener(TraceListener l) {
                    m.listener(l);
                }
            };
        }
        Tracer t = new Tracer(settings, transport, target);
        return new TraceRun() {
            public TraceSnapshot run() {
                return t.run();
            }

            public void stop() {
                t.stop();
            }

            public void listener(TraceListener l) {
                t.listener(l);
            }
        };
    }
}
