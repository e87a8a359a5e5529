package org.hopscope.app.gui.viewmodel;

import org.hopscope.engine.probe.ProbeProtocol;

/**
 * The entries of the protocol selector: the engine's three probe protocols, and TCP InSession
 * (docs/insession.md), whose probes travel inside a real TCP connection the kernel opens, which
 * stateful firewalls let through. InSession is not a {@link ProbeProtocol} of the trace engine (it is
 * its own tracer), so the selector has its own type.
 */
public enum ProtocolChoice {
    UDP("UDP", ProbeProtocol.UDP, false),
    ICMP("ICMP", ProbeProtocol.ICMP, false),
    TCP("TCP", ProbeProtocol.TCP, false),
    TCP_INSESSION("TCP in session", ProbeProtocol.TCP, true);

    private final String label;
    private final ProbeProtocol protocol;
    private final boolean inSession;

    ProtocolChoice(String label, ProbeProtocol protocol, boolean inSession) {
        this.label = label;
        this.protocol = protocol;
        this.inSession = inSession;
    }

    /** The trace engine's protocol (TCP for InSession: its port and defaults are TCP's). */
    public ProbeProtocol protocol() {
        return protocol;
    }

    public boolean inSession() {
        return inSession;
    }

    public static ProtocolChoice of(ProbeProtocol p) {
        return valueOf(p.name());
    }

    @Override
    public String toString() {
        return label; // the combo box shows this
    }
}
