package org.hopscope.engine.transport;

import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.transport.datagram.DatagramTransport;
import org.hopscope.engine.transport.helper.HelperTransport;

/**
 * Picks the best transport this process can use, and says which and what it costs: the native helper
 * when it is installed and privileged (checked by starting it: {@code hello} answers whether it holds
 * its raw sockets), else unprivileged datagram sockets (UDP always; ICMP when {@code
 * net.ipv4.ping_group_range} admits the user's group), whose {@link TransportInfo#limitations()}
 * start with why the helper was not used.
 */
public final class TransportChooser {

    /** Starts a transport; tests substitute their own. */
    @FunctionalInterface
    public interface Opener<T extends ProbeTransport> {
        T open(String whyNotHelper) throws TransportException;
    }

    /**
     * The transport to use and why it was chosen.
     *
     * @param reason one sentence, e.g. "the native helper is not installed with its privilege: ..."
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
        String whyNotHelper;
        try {
            ProbeTransport h = helper.open("");
            if (h.info().protocols().contains(protocol)) {
                return new Choice(h, "using the native helper (raw sockets)");
            }
            whyNotHelper = "the native helper cannot send " + protocol.cliName() + " probes here";
            h.close();
        } catch (TransportException e) {
            whyNotHelper = e.getMessage();
        }
        ProbeTransport d;
        try {
            d = datagram.open(whyNotHelper);
        } catch (TransportException e) {
            throw new TransportException(e.error(), "no usable transport: " + whyNotHelper + "; and " + e.getMessage(), e);
        }
        if (!d.info().protocols().contains(protocol)) {
            String lacking = d.info().limitations().stream()
                    .filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains(protocol.cliName()))
                    .findFirst().orElse("unprivileged sockets cannot send them");
            d.close();
            throw new TransportException(TransportError.PERMISSION_DENIED, protocol.cliName().toUpperCase(java.util.Locale.ROOT)
                    + " probes need the native helper (" + lacking + "), and " + whyNotHelper);
        }
        return new Choice(d, "using unprivileged datagram sockets: " + whyNotHelper);
    }
}
