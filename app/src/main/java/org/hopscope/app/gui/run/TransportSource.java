package org.hopscope.app.gui.run;

import java.net.InetAddress;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;

/**
 * Where a trace's probes go: the real network through whatever transport is available, or the
 * simulated demo network. Both {@link #open()} and {@link #resolve} may block; jobs call them on the
 * engine thread, never on the FX thread.
 */
public interface TransportSource {
    /** What the status line says before a trace, e.g. "Demo network (simulated): nothing leaves this computer". */
    String describe();

    TransportInfo.Kind kind();

    /** Whether this source can trace at all (false: the UI explains {@link #describe()} instead). */
    boolean available();

    ProbeTransport open() throws TransportException;

    /** A transport that can send {@code protocol} probes (the real network picks helper or sockets). */
    default ProbeTransport open(org.hopscope.engine.probe.ProbeProtocol protocol) throws TransportException {
        return open();
    }

    /** Why the last {@link #open} chose what it did, for the status line; "" when there is no choice. */
    default String lastChoice() {
        return "";
    }

    /** The address to trace to; the demo network maps its own names. */
    InetAddress resolve(String target) throws java.net.UnknownHostException;

    /** A host name known without a network lookup (the demo's router names), or null. */
    default String knownName(InetAddress a) {
        return null;
    }
}
