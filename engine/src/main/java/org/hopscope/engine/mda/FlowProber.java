package org.hopscope.engine.mda;

import java.util.List;
import org.hopscope.engine.transport.TransportException;

/**
 * Sends batches of probes and returns what became of each. The MDA algorithms see nothing else of
 * the network, so a test can drive them with a model and the tracer with a real transport.
 */
public interface FlowProber {

    /**
     * Sends every request (in order) and waits until each is answered or given up.
     *
     * @return one result per request, in the order of {@code batch}
     */
    List<ProbeResult> probe(List<ProbeRequest> batch) throws TransportException, InterruptedException;

    /** Probes sent so far. */
    long probesSent();

    /** Whether the caller asked the trace to stop; algorithms return as soon as they see it. */
    boolean stopped();
}
