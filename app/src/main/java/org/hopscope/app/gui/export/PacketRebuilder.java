package org.hopscope.app.gui.export;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.packet.IcmpExtensionObject;
import org.hopscope.engine.packet.IcmpExtensionsBuilder;
import org.hopscope.engine.packet.IcmpV4Builder;
import org.hopscope.engine.packet.IcmpV6Builder;
import org.hopscope.engine.packet.InternetChecksum;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Builder;
import org.hopscope.engine.packet.Ipv6Builder;
import org.hopscope.engine.packet.MplsLabel;
import org.hopscope.engine.packet.TcpBuilder;
import org.hopscope.engine.packet.TcpFlags;
import org.hopscope.engine.probe.ProbeSpec;
import org.hopscope.engine.probe.ProbeStrategies;
import org.hopscope.engine.probe.ProbeStrategy;
import org.hopscope.engine.trace.MplsEntry;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.Reply;
import org.hopscope.engine.trace.ReplyKind;
import org.hopscope.engine.trace.TraceSettings;

/**
 * Rebuilds raw IP packets from a snapshot, which keeps header fields but not bytes: each probe is
 * re-crafted by the engine's own strategy from its flow, id and TTL (the same code that sent it, so
 * the bytes match); each reply is rebuilt from the recorded fields, quoting the probe as the router
 * saw it (its quoted TTL, IP ID and source). Fields a snapshot does not keep (a reply's payload
 * beyond the quote, exact extension bytes) are reconstructed in their standard form.
 */
public final class PacketRebuilder {
    private final ProbeStrategy strategy;

    public PacketRebuilder(TraceSettings settings) {
        this.strategy = ProbeStrategies.forSettings(settings);
    }

    public byte[] probe(ProbeRecord p) {
        return strategy.craft(new ProbeSpec(p.sent().source(), p.sent().destination(), p.ttl(), p.flowId(),
                p.probeId(), p.sequence())).packet();
    }

    /** The reply as received, or null when the record has none. */
    public byte[] reply(ProbeRecord p) {
        Reply r = p.reply();
        if (r == null) {
            return null;
        }
        byte[] probe = probe(p);
        InetAddress us = p.sent().source();
        boolean v6 = us instanceof Inet6Address;
        return switch (r.kind()) {
            case TCP_SYN_ACK, TCP_RST, TCP_ACK -> ip(v6, r.from(), us, r, IpProtocol.TCP, tcp(p, r));
            case ECHO_REPLY -> ip(v6, r.from(), us, r, v6 ? 58 : 1, echo(p, r, v6, us));
            default -> ip(v6, r.from(), us, r, v6 ? 58 : 1, icmpError(p, r, probe, v6, us));
        };
    }

    private static byte[] ip(boolean v6, InetAddress from, InetAddress to, Reply r, int protocol, byte[] payload) {
        if (v6) {
            return new Ipv6Builder().source(from).destination(to).hopLimit(Math.max(0, r.replyTtl()))
                    .nextHeader(protocol).payload(payload).build();
        }
        return new Ipv4Builder().source(from).destination(to).ttl(Math.max(0, r.replyTtl()))
                .identification(Math.max(0, r.replyIpId())).protocol(protocol).payload(payload).build();
    }

    private static byte[] tcp(ProbeRecord p, Reply r) {
        int flags = switch (r.kind()) {
            case TCP_SYN_ACK -> TcpFlags.SYN | TcpFlags.ACK;
            case TCP_RST -> TcpFlags.RST | TcpFlags.ACK;
            default -> TcpFlags.ACK;
        };
        long ack = (p.sent().sequence() + 1) & 0xFFFFFFFFL;
        return new TcpBuilder().sourcePort(p.sent().destinationPort()).destinationPort(p.sent().sourcePort())
                .sequenceNumber(0).acknowledgementNumber(ack).flags(flags).window(0)
                .build(r.from(), p.sent().source());
    }

    private static byte[] echo(ProbeRecord p, Reply r, boolean v6, InetAddress us) {
        int id = p.sent().sourcePort() & 0xFFFF;
        int seq = (int) (p.sent().sequence() & 0xFFFF);
        if (v6) {
            return new IcmpV6Builder().type(129).code(0).identifier(id).sequence(seq).payload(new byte[0])
                    .build(r.from(), us);
        }
        return new IcmpV4Builder().type(0).code(0).identifier(id).sequence(seq).payload(new byte[0]).build();
    }

    private static byte[] icmpError(ProbeRecord p, Reply r, byte[] probe, boolean v6, InetAddress us) {
        byte[] quote = quoted(probe, r, v6);
        byte[] ext = extensions(r);
        int type = r.icmpType() >= 0 ? r.icmpType() : defaultType(r.kind(), v6);
        int code = Math.max(0, r.icmpCode());
        if (v6) {
            IcmpV6Builder b = new IcmpV6Builder().type(type).code(code).quote(quote);
            if (r.kind() == ReplyKind.PACKET_TOO_BIG && r.mtu() > 0) {
                b.mtu(r.mtu());
            }
            if (ext != null) {
                b.extensions(ext);
            }
            return b.build(r.from(), us);
        }
        IcmpV4Builder b = new IcmpV4Builder().type(type).code(code).quote(quote);
        if (r.mtu() > 0) {
            b.nextHopMtu(r.mtu());
        }
        if (ext != null) {
            b.extensions(ext);
        }
        return b.build();
    }

    private static int defaultType(ReplyKind k, boolean v6) {
        return switch (k) {
            case TIME_EXCEEDED -> v6 ? 3 : 11;
            case DEST_UNREACHABLE -> v6 ? 1 : 3;
            case PARAMETER_PROBLEM -> v6 ? 4 : 12;
            case PACKET_TOO_BIG -> 2;
            default -> v6 ? 3 : 11;
        };
    }

    /** The probe as the router held it: quoted TTL, IP ID and source patched in, header checksum fixed. */
    private static byte[] quoted(byte[] probe, Reply r, boolean v6) {
        byte[] q = probe.clone();
        if (v6) {
            if (r.quotedTtl() >= 0) {
                q[7] = (byte) r.quotedTtl();
            }
            return q;
        }
        if (r.quotedTtl() >= 0) {
            q[8] = (byte) r.quotedTtl();
        }
        if (r.quotedIpId() >= 0) {
            q[4] = (byte) (r.quotedIpId() >>> 8);
            q[5] = (byte) r.quotedIpId();
        }
        if (r.quotedSource() != null && r.quotedSource().getAddress().length == 4) {
            System.arraycopy(r.quotedSource().getAddress(), 0, q, 12, 4);
        }
        int ihl = (q[0] & 0x0F) * 4;
        q[10] = 0;
        q[11] = 0;
        int sum = InternetChecksum.checksum(q, 0, ihl);
        q[10] = (byte) (sum >>> 8);
        q[11] = (byte) sum;
        return q;
    }

    private static byte[] extensions(Reply r) {
        if (r.mpls().isEmpty()) {
            return null;
        }
        List<MplsLabel> labels = new ArrayList<>();
        for (MplsEntry e : r.mpls()) {
            labels.add(new MplsLabel(e.label(), e.trafficClass(), e.bottomOfStack(), e.ttl()));
        }
        return new IcmpExtensionsBuilder().add(new IcmpExtensionObject.MplsLabelStack(labels)).build();
    }
}
