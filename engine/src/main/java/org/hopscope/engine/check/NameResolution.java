package org.hopscope.engine.check;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * How a target's name resolved.
 *
 * @param name the name as given (or the literal)
 * @param addresses the addresses found, in the server's order (empty on failure)
 * @param millis how long resolution took (0 for a literal)
 * @param outcome FOUND, NOT_FOUND (NXDOMAIN / no address), FAILED (no server answered), LITERAL
 * @param server the resolver that answered, if any
 * @param detail a short technical detail ("NXDOMAIN", "timed out after 3 attempts"), or ""
 */
public record NameResolution(String name, List<InetAddress> addresses, double millis, Outcome outcome,
        Optional<InetAddress> server, String detail) {

    public enum Outcome { LITERAL, FOUND, NOT_FOUND, FAILED }

    public NameResolution {
        addresses = List.copyOf(addresses);
    }

    public Optional<InetAddress> first() {
        return addresses.stream().findFirst();
    }
}
