package org.hopscope.engine.transport.datagram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportException;

/**
 * Asks this host's routing table which local address packets to a destination leave from, the way
 * traceroute(8) does: connecting a UDP socket sends nothing but makes the kernel pick the route and
 * the source address. Runs in the calling process's network namespace.
 */
public final class LocalRoute {
    private static final int DISCARD_PORT = 9;

    private LocalRoute() {
    }

    public static InetAddress sourceFor(InetAddress destination) throws TransportException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(destination, DISCARD_PORT));
            InetAddress local = s.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                throw new TransportException(TransportError.NO_ROUTE,
                        "no route to " + destination.getHostAddress() + " (no source address)");
            }
            return local;
        } catch (IOException | UncheckedIOException e) {
            String m = String.valueOf(e.getMessage());
            TransportError err = m.contains("unreachable") ? TransportError.NETWORK_UNREACHABLE : TransportError.NO_ROUTE;
            throw new TransportException(err, "no route to " + destination.getHostAddress() + ": " + m, e);
        }
    }
}
