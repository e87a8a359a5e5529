package org.hopscope.engine.probe;

import java.util.List;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Packet;
import org.hopscope.engine.packet.MalformedPacketException;
import org.hopscope.engine.packet.UdpBuilder;
import org.hopscope.engine.packet.UdpDatagram;
import org.hopscope.engine.trace.SentFields;
import org.hopscope.engine.trace.TraceSettings;

/**
 * UDP probes. Paris: source port = base + flow, destination port fixed, identity in the UDP checksum
 * (a payload word compensates), IPv4 ID = the same value (Dublin traceroute: the IP ID survives NATs
 * that rewrite the checksum). Classic: destination port = base + probe index, as traceroute(8).
 */
public final class UdpProbeStrategy implements ProbeStrategy {
    private static final int UDP_HEADER = 8;
    private final TraceSettings settings;

    public UdpProbeStrategy(TraceSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProbeProtocol protocol() {
        return ProbeProtocol.UDP;
    }

    @Override
    public ProbeMethod method() {
        return settings.method();
    }

    @Override
    public int minimumLength(boolean ipv6) {
        return IpEnvelope.headerLength(ipv6) + UDP_HEADER + 2;
    }

    @Override
    public CraftedProbe craft(ProbeSpec spec) {
        boolean v6 = IpEnvelope.isV6(spec);
        int total = settings.packetLength() == 0 ? defaultLength(v6) : Math.max(settings.packetLength(), minimumLength(v6));
        byte[] payload = new byte[total - IpEnvelope.headerLength(v6) - UDP_HEADER];
        int id = spec.id().value();
        boolean paris = settings.method() == ProbeMethod.PARIS;
        int sport = paris ? Ports.offset(settings.sourcePort(), spec.flow().value()) : settings.sourcePort();
        int dport = paris ? settings.destinationPort() : Ports.offset(settings.destinationPort(), spec.index());
        UdpBuilder b = new UdpBuilder().sourcePort(sport).destinationPort(dport).payload(payload);
        byte[] segment = b.build(spec.source(), spec.destination());
        int checksum = ChecksumCompensation.get16(segment, 6);
        if (paris) {
            int valid = checksum;
            ChecksumCompensation.put16(payload, 0, ChecksumCompensation.word(valid, id));
            segment = new UdpBuilder().sourcePort(sport).destinationPort(dport).payload(payload)
                    .checksumOverride(id).build(spec.source(), spec.destination());
            checksum = id;
        }
        int ipId = id; // both methods tag the IPv4 ID: it identifies the probe even behind a NAT
        byte[] packet = IpEnvelope.wrap(spec, settings.tos(), settings.flowLabel(), ipId, IpProtocol.UDP, segment);
        SentFields f = new SentFields(spec.source(), spec.destination(), settings.tos(),
                v6 ? settings.flowLabel() : -1, v6 ? -1 : ipId, sport, dport, checksum, -1, packet.length);
        return new CraftedProbe(packet, f, paris ? id : dport);
    }

    @Override
    public List<Integer> keysFromQuote(IpPacket quoted) throws MalformedPacketException {
        if (quoted.protocol() != IpProtocol.UDP) {
            return List.of();
        }
        UdpDatagram udp = quoted.udp();
        if (settings.method() == ProbeMethod.CLASSIC) {
            return List.of(udp.destinationPort());
        }
        if (quoted instanceof Ipv4Packet v4) {
            return List.of(udp.checksum(), v4.identification());
        }
        return List.of(udp.checksum());
    }

    @Override
    public List<Integer> keysFromDestinationReply(IpPacket reply) {
        return List.of(); // a UDP probe's destination answers with ICMP port unreachable, a quote
    }
}
