package org.hopscope.engine.pmtu;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The MTU at one hop.
 *
 * @param ttl the hop
 * @param address who answered there, empty for a silent hop
 * @param mtu the path MTU through the link after this hop: the largest packet known to cross every
 *     link from the source to the next hop (for the destination: the path MTU to it)
 * @param reducedHere whether the link after this hop is narrower than the path before it
 * @param evidence how {@code mtu} was learned
 * @param reportedMtu the MTU of the receiving interface the hop reported in an RFC 5837 extension
 *     (the link before it), if it did
 * @param destination whether this hop is the target
 */
public record HopMtu(int ttl, Optional<InetAddress> address, int mtu, boolean reducedHere, MtuEvidence evidence,
        OptionalInt reportedMtu, boolean destination) {

    HopMtu withMtu(int newMtu, MtuEvidence how) {
        return new HopMtu(ttl, address, newMtu, true, how, reportedMtu, destination);
    }
}
