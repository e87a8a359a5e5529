package org.hopscope.app.gui.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportChooser;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;

/**
 * The real network, through the engine's {@link TransportChooser}: the privileged native helper when
 * it is installed (raw sockets, every probe type), else unprivileged datagram sockets (UDP; ICMP
 * where ping sockets are allowed). Which one is used, and what that costs, is only known once a trace
 * opens it; the job reports it to the status line then.
 */
public final class RealNetworkSource implements TransportSource {
    static final String DESCRIPTION = "Real network: probes go through the Hopscope helper (raw sockets) when it"
            + " is installed, else through unprivileged sockets (UDP, and ICMP where allowed).";
    private final TransportChooser chooser;

    public RealNetworkSource() {
        this(TransportChooser.system());
    }

    public RealNetworkSource(TransportChooser chooser) {
        this.chooser = chooser;
    }

    @Override
    public String describe() {
        return DESCRIPTION;
    }

    @Override
    public TransportInfo.Kind kind() {
        return TransportInfo.Kind.HELPER;
    }

    @Override
    public boolean available() {
        return true; // the chooser says at open time what cannot be done, with what to install
    }

    @Override
    public ProbeTransport open() throws TransportException {
        return open(ProbeProtocol.UDP);
    }

    @Override
    public ProbeTransport open(ProbeProtocol protocol) throws TransportException {
        TransportChooser.Choice c = chooser.choose(protocol);
        lastReason = c.reason();
        return c.transport();
    }

    private volatile String lastReason = "";

    @Override
    public String lastChoice() {
        return lastReason;
    }

    @Override
    public InetAddress resolve(String target) throws UnknownHostException {
        return InetAddress.getByName(target);
    }
}
