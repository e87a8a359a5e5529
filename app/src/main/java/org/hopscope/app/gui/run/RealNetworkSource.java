package org.hopscope.app.gui.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;

/**
 * The real network. Until the engine's TransportChooser lands (it picks the privileged helper or an
 * unprivileged datagram socket and explains the choice), real probing is not offered and the status
 * line says why, pointing to the demo network.
 */
public final class RealNetworkSource implements TransportSource {
    static final String NEEDS_HELPER = "Real probing needs the Hopscope helper (installed with the package, it"
            + " holds the raw-socket privilege so this window does not). Not found: try the Demo network.";

    @Override
    public String describe() {
        return NEEDS_HELPER;
    }

    @Override
    public TransportInfo.Kind kind() {
        return TransportInfo.Kind.HELPER;
    }

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public ProbeTransport open() throws TransportException {
        throw new TransportException(TransportError.PERMISSION_DENIED, NEEDS_HELPER);
    }

    @Override
    public InetAddress resolve(String target) throws UnknownHostException {
        return InetAddress.getByName(target);
    }
}
