package org.hopscope.engine.probe;

import java.util.List;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.MalformedPacketException;
import org.hopscope.engine.packet.TcpBuilder;
import org.hopscope.engine.packet.TcpOption;
import org.hopscope.engine.packet.TcpSegment;
import org.hopscope.engine.trace.SentFields;
import org.hopscope.engine.trace.TraceSettings;

/**
 * TCP SYN probes. Paris: ports fixed per flow, identity in the low 16 bits of the sequence number
 * (original paris-traceroute's TCPProbe: routers quote at least 8 octets, RFC 792, so the sequence
 * number is always in the quote; the destination answers with ack = seq + 1). Classic: source port =
 * base + probe index, as tcptraceroute's one-socket-per-probe does.
 */
public final class TcpProbeStrategy implements ProbeStrategy {
    private static final int TCP_HEADER_WITH_MSS = 24;
    private static final int FLAG_SYN = 0x02;
    private final TraceSettings settings;

    public TcpProbeStrategy(TraceSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProbeProtocol protocol() {
        return ProbeProtocol.TCP;
    }

    @Override
    public ProbeMethod method() {
        return settings.method();
    }

    @Override
    public int minimumLength(boolean ipv6) {
        return IpEnvelope.headerLength(ipv6) + TCP_HEADER_WITH_MSS;
    }

    @Override
    public int defaultLength(boolean ipv6) {
        return minimumLength(ipv6); // a SYN carries no data
    }

    /** High 16 bits of every Paris sequence number: constant, so only the low half identifies. */
    private int sequenceHigh() {
        return settings.sourcePort();
    }

    @Override
    public CraftedProbe craft(ProbeSpec spec) {
        boolean v6 = IpEnvelope.isV6(spec);
        int total = settings.packetLength() == 0 ? defaultLength(v6) : Math.max(settings.packetLength(), minimumLength(v6));
        byte[] payload = new byte[total - minimumLength(v6)];
        int id = spec.id().value();
        boolean paris = settings.method() == ProbeMethod.PARIS;
        int sport = paris ? Ports.offset(settings.sourcePort(), spec.flow().value())
                : Ports.offset(settings.sourcePort(), spec.index());
        long seq = paris ? (((long) sequenceHigh() << 16) | id) : ((long) id << 16);
        byte[] segment = new TcpBuilder().sourcePort(sport).destinationPort(settings.destinationPort())
                .sequenceNumber(seq).acknowledgementNumber(0).flags(FLAG_SYN).window(64240)
                .options(List.of(new TcpOption.Mss(v6 ? 1440 : 1460)))
                .payload(payload).build(spec.source(), spec.destination());
        byte[] packet = IpEnvelope.wrap(spec, settings.tos(), settings.flowLabel(), id, IpProtocol.TCP, segment);
        SentFields f = new SentFields(spec.source(), spec.destination(), settings.tos(),
                v6 ? settings.flowLabel() : -1, v6 ? -1 : id, sport, settings.destinationPort(), -1, seq,
                packet.length);
        return new CraftedProbe(packet, f, paris ? id : sport);
    }

    @Override
    public List<Integer> keysFromQuote(IpPacket quoted) throws MalformedPacketException {
        if (quoted.protocol() != IpProtocol.TCP) {
            return List.of();
        }
        TcpSegment tcp = quoted.tcp();
        if (tcp.destinationPort() != settings.destinationPort()) {
            return List.of();
        }
        if (settings.method() == ProbeMethod.CLASSIC) {
            return List.of(tcp.sourcePort());
        }
        return List.of((int) (tcp.sequenceNumber() & 0xFFFF));
    }

    @Override
    public List<Integer> keysFromDestinationReply(IpPacket reply) throws MalformedPacketException {
        if (reply.protocol() != IpProtocol.TCP) {
            return List.of();
        }
        TcpSegment tcp = reply.tcp();
        if (tcp.sourcePort() != settings.destinationPort() || !(tcp.isRst() || (tcp.isSyn() && tcp.isAck()))) {
            return List.of();
        }
        if (settings.method() == ProbeMethod.CLASSIC) {
            return List.of(tcp.destinationPort());
        }
        return List.of((int) ((tcp.acknowledgementNumber() - 1) & 0xFFFF));
    }
}
