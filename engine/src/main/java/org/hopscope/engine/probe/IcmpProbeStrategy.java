package org.hopscope.engine.probe;

import java.util.List;
import org.hopscope.engine.packet.IcmpV4Builder;
import org.hopscope.engine.packet.IcmpV4Message;
import org.hopscope.engine.packet.IcmpV4Type;
import org.hopscope.engine.packet.IcmpV6Builder;
import org.hopscope.engine.packet.IcmpV6Message;
import org.hopscope.engine.packet.IcmpV6Type;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.MalformedPacketException;
import org.hopscope.engine.trace.SentFields;
import org.hopscope.engine.trace.TraceSettings;

/**
 * ICMP echo probes; identity in the sequence number, identifier fixed. Paris holds the checksum
 * constant per flow (load balancers that look past the type/code hash the first four octets of the
 * ICMP header, probing-facts §1.3) with a compensating payload word; classic lets it vary with the
 * sequence, so checksum-hashing balancers scatter the probes.
 */
public final class IcmpProbeStrategy implements ProbeStrategy {
    private static final int ICMP_HEADER = 8;
    private final TraceSettings settings;

    public IcmpProbeStrategy(TraceSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProbeProtocol protocol() {
        return ProbeProtocol.ICMP;
    }

    @Override
    public ProbeMethod method() {
        return settings.method();
    }

    @Override
    public int minimumLength(boolean ipv6) {
        return IpEnvelope.headerLength(ipv6) + ICMP_HEADER + 2;
    }

    /** The ICMP identifier: constant for the whole trace. */
    int identifier() {
        return settings.sourcePort();
    }

    /** The checksum every Paris probe of a flow carries; never 0 so it cannot be mistaken for "none". */
    static int flowChecksum(int base, int flow) {
        int c = (base + flow) & 0xFFFF;
        return c == 0 ? 0xFFFF : c;
    }

    @Override
    public CraftedProbe craft(ProbeSpec spec) {
        boolean v6 = IpEnvelope.isV6(spec);
        int total = settings.packetLength() == 0 ? defaultLength(v6) : Math.max(settings.packetLength(), minimumLength(v6));
        byte[] payload = new byte[total - IpEnvelope.headerLength(v6) - ICMP_HEADER];
        int seq = spec.id().value();
        byte[] message = build(v6, spec, seq, payload, -1);
        int checksum = ChecksumCompensation.get16(message, 2);
        if (settings.method() == ProbeMethod.PARIS) {
            int wanted = flowChecksum(settings.destinationPort(), spec.flow().value());
            ChecksumCompensation.put16(payload, 0, ChecksumCompensation.word(checksum, wanted));
            message = build(v6, spec, seq, payload, wanted);
            checksum = wanted;
        }
        int proto = v6 ? IpProtocol.ICMPV6 : IpProtocol.ICMP;
        byte[] packet = IpEnvelope.wrap(spec, settings.tos(), settings.flowLabel(), seq, proto, message);
        SentFields f = new SentFields(spec.source(), spec.destination(), settings.tos(),
                v6 ? settings.flowLabel() : -1, v6 ? -1 : seq, identifier(), -1, checksum, seq, packet.length);
        return new CraftedProbe(packet, f, seq);
    }

    private byte[] build(boolean v6, ProbeSpec spec, int seq, byte[] payload, int checksumOverride) {
        if (v6) {
            IcmpV6Builder b = new IcmpV6Builder().type(IcmpV6Type.ECHO_REQUEST).code(0)
                    .identifier(identifier()).sequence(seq).payload(payload);
            if (checksumOverride >= 0) {
                b.checksumOverride(checksumOverride);
            }
            return b.build(spec.source(), spec.destination());
        }
        IcmpV4Builder b = new IcmpV4Builder().type(IcmpV4Type.ECHO_REQUEST).code(0)
                .identifier(identifier()).sequence(seq).payload(payload);
        if (checksumOverride >= 0) {
            b.checksumOverride(checksumOverride);
        }
        return b.build();
    }

    @Override
    public List<Integer> keysFromQuote(IpPacket quoted) throws MalformedPacketException {
        if (quoted.protocol() == IpProtocol.ICMP) {
            IcmpV4Message m = quoted.icmpv4();
            if (m.type() == IcmpV4Type.ECHO_REQUEST && m.identifier() == identifier()) {
                return List.of(m.sequence());
            }
        } else if (quoted.protocol() == IpProtocol.ICMPV6) {
            IcmpV6Message m = quoted.icmpv6();
            if (m.type() == IcmpV6Type.ECHO_REQUEST && m.identifier() == identifier()) {
                return List.of(m.sequence());
            }
        }
        return List.of();
    }

    @Override
    public List<Integer> keysFromDestinationReply(IpPacket reply) throws MalformedPacketException {
        if (reply.protocol() == IpProtocol.ICMP) {
            IcmpV4Message m = reply.icmpv4();
            if (m.type() == IcmpV4Type.ECHO_REPLY && m.identifier() == identifier()) {
                return List.of(m.sequence());
            }
        } else if (reply.protocol() == IpProtocol.ICMPV6) {
            IcmpV6Message m = reply.icmpv6();
            if (m.type() == IcmpV6Type.ECHO_REPLY && m.identifier() == identifier()) {
                return List.of(m.sequence());
            }
        }
        return List.of();
    }
}
