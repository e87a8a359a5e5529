package org.hopscope.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Packet;
import org.hopscope.engine.packet.MalformedPacketException;

/** Asserts a packet is one a real stack would accept: every checksum it carries verifies. */
final class Checks {
    private Checks() {
    }

    static void assertValid(IpPacket p) {
        try {
            if (p instanceof Ipv4Packet v4) {
                assertThat(v4.headerChecksumValid()).as("IPv4 header checksum of %s", p).isTrue();
            }
            switch (p.protocol()) {
                case IpProtocol.ICMP -> assertThat(p.icmpv4().checksumValid()).as("ICMP checksum of %s", p).isTrue();
                case IpProtocol.ICMPV6 -> assertThat(p.icmpv6().checksumValid(p.source(), p.destination()))
                        .as("ICMPv6 checksum of %s", p).isTrue();
                case IpProtocol.UDP -> assertThat(p.udp().checksumValid(p.source(), p.destination()))
                        .as("UDP checksum of %s", p).isTrue();
                case IpProtocol.TCP -> assertThat(p.tcp().checksumValid(p.source(), p.destination()))
                        .as("TCP checksum of %s", p).isTrue();
                default -> throw new AssertionError("unexpected protocol " + p.protocol());
            }
            if (p.protocol() == IpProtocol.ICMP) {
                p.icmpv4().extensions().ifPresent(x -> assertThat(x.checksumValid()).as("extension checksum").isTrue());
            } else if (p.protocol() == IpProtocol.ICMPV6) {
                p.icmpv6().extensions().ifPresent(x -> assertThat(x.checksumValid()).as("extension checksum").isTrue());
            }
        } catch (MalformedPacketException e) {
            throw new AssertionError(e);
        }
    }
}
