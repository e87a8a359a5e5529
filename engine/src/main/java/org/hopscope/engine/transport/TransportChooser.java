package org.hopscope.engine.transport;

import java.util.Locale;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.transport.datagram.DatagramTransport;
import org.hopscope.engine.transport.helper.HelperTransport;

/**
 * The one place that decides which real-network transport a trace uses (the CLI and the GUI both ask
 * here): the native helper when it is installed and privileged (checked by starting it: {@code hello}
 * answers whether it holds its raw sockets), else unprivileged datagram sockets (UDP always; ICMP when
 * {@code net.ipv4.ping_group_range} admits the user's group), whose {@link TransportInfo#limitations()}
 * start with why the helper was not used. A {@link Preference} other than {@link Preference#AUTO}
 * forces one of them, and its failure is then the answer (no silent fallback).
 */
public final class TransportChooser {

    /** Which transport the user asked for ({@code --transport}). */
    public enum Preference {
        /** The helper when it works, else the unprivileged sockets. */
        AUTO,
        /** Only the native helper. */
        HELPER,
        /** Only unprivileged datagram sockets, even when the helper is installed. */
        UNPRIVILEGED;

        /** "auto", "helper", "unprivileged" (or "datagram"), any case. */
        public static Preference parse(String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "auto":
                    return AUTO;
                case "helper":
                    return HELPER;
                case "unprivileged":
                case "datagram":
                    return UNPRIVILEGED;
                default:
                    throw new IllegalArgumentException("unknown transport '" + s + "' (expected auto, helper or unprivileged)");
            }
        }
    }

    /** Starts a transport; tests substitute their own. */
    @FunctionalInterface
    public interface Opener<T extends ProbeTransport> {
        T open(String whyNotHelper) throws TransportException;
    }

    /**
     * The transport to use and why it was chosen.
     *
     * @param reason one sentence, e.g. "using unprivileged datagram sockets: the native helper ... was not found"
     */
    public record Choice(ProbeTransport transport, String reason) {
    }

    private final Opener<? extends ProbeTransport> helper;
    private final Opener<? extends ProbeTransport> datagram;

    public TransportChooser(Opener<? extends ProbeTransport> helper, Opener<? extends ProbeTransport> datagram) {
        this.helper = helper;
        this.datagram = datagram;
    }

    /** The installed helper (see HelperLocator), then this host's datagram sockets. */
    public static TransportChooser system() {
        return new TransportChooser(why -> HelperTransport.startInstalled(), DatagramTransport::open);
    }

    /**
     * The best transport that can send {@code protocol} probes.
     *
     * @throws TransportException when none can: the message names what to install or configure
     */
    public Choice choose(ProbeProtocol protocol) throws TransportException {
        return choose(protocol, Preference.AUTO);
    }

    /**
     * The transport {@code preference} allows that can send {@code protocol} probes.
     *
     * @throws TransportException when none can: the message names what to install or configure
     */
    public Choice choose(ProbeProtocol protocol, Preference preference) throws TransportException {
        String whyNotHelper;
        if (preference == Preference.UNPRIVILEGED) {
            whyNotHelper = "the unprivileged transport was asked for";
        } else {
            try {
                ProbeTransport h = helper.open("");
                if (h.info().protocols().contains(protocol)) {
                    return new Choice(h, "using the native helper (raw sockets)");
                }
                whyNotHelper = "the native helper cannot send " + protocol.cliName() + " probes here";
                h.close();
                if (preference == Preference.HELPER) {
                    throw new TransportException(TransportError.UNSUPPORTED, whyNotHelper + " ("
                            + String.join("; ", h.info().limitations()) + ")");
                }
            } catch (TransportException e) {
                if (preference == Preference.HELPER) {
                    throw e;
                }
                whyNotHelper = e.getMessage();
            }
        }
        ProbeTransport d;
        try {
            d = datagram.open(whyNotHelper);
        } catch (TransportException e) {
            String prefix = preference == Preference.UNPRIVILEGED ? "the unprivileged transport cannot run: "
                    : "no usable transport: " + whyNotHelper + "; and ";
            throw new TransportException(e.error(), prefix + e.getMessage(), e);
        }
        if (!d.info().protocols().contains(protocol)) {
            String lacking = d.info().limitations().stream()
                    .filter(l -> l.toLowerCase(Locale.ROOT).contains("no " + protocol.cliName()))
                    .findFirst().orElse("unprivileged sockets cannot send them");
            d.close();
            throw new TransportException(TransportError.UNSUPPORTED, protocol.cliName().toUpperCase(Locale.ROOT)
                    + " probes need the native helper (" + lacking + "), and " + whyNotHelper);
        }
        return new Choice(d, "using unprivileged datagram sockets: " + whyNotHelper);
    }
}
