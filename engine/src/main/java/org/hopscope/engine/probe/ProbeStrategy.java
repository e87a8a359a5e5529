package org.hopscope.engine.probe;

import java.util.List;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.MalformedPacketException;

/**
 * How probes of one protocol carry their flow and their identity, and how a reply is traced back to
 * the probe it answers. The identity is a 16-bit key written into one header field when the probe is
 * crafted and read back from the probe's header as quoted by an ICMP error, or from the
 * destination's own reply.
 */
public interface ProbeStrategy {

    ProbeProtocol protocol();

    ProbeMethod method();

    /** Builds the probe as a complete IP packet. */
    CraftedProbe craft(ProbeSpec spec);

    /**
     * Keys that may identify the probe an ICMP error quotes, best first: e.g. the quoted UDP
     * checksum, then the quoted IPv4 ID in case a NAT rewrote the checksum. Empty when the quote is
     * not one of ours (wrong protocol) or too short.
     */
    List<Integer> keysFromQuote(IpPacket quoted) throws MalformedPacketException;

    /** Keys from a packet the destination sent (echo reply, SYN-ACK, RST); empty if not a reply. */
    List<Integer> keysFromDestinationReply(IpPacket reply) throws MalformedPacketException;

    /** The smallest total IP length a probe of this strategy can have, for the given family. */
    int minimumLength(boolean ipv6);

    /** The default total IP length, like traceroute(8)'s 60 (IPv4) and 80 (IPv6) bytes. */
    default int defaultLength(boolean ipv6) {
        return Math.max(minimumLength(ipv6), ipv6 ? 80 : 60);
    }
}
