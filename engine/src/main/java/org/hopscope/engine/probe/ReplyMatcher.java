package org.hopscope.engine.probe;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hopscope.engine.packet.IcmpExtensionObject;
import org.hopscope.engine.packet.IcmpExtensions;
import org.hopscope.engine.packet.IcmpV4Message;
import org.hopscope.engine.packet.IcmpV4Type;
import org.hopscope.engine.packet.IcmpV6Message;
import org.hopscope.engine.packet.IcmpV6Type;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Packet;
import org.hopscope.engine.packet.MalformedPacketException;
import org.hopscope.engine.packet.MplsLabel;
import org.hopscope.engine.trace.InterfaceInfo;
import org.hopscope.engine.trace.MplsEntry;
import org.hopscope.engine.trace.ReplyKind;

/**
 * Turns a received packet into a {@link DecodedReply} naming the probe it answers: an ICMP error
 * (time exceeded, any destination unreachable, parameter problem, packet too big) through the probe
 * header it quotes (RFC 792: the IP header plus at least 8 octets; RFC 4443 §3: as much as fits), or
 * a reply from the destination itself (echo reply, SYN-ACK, RST). Anything else, or anything
 * malformed, decodes to empty and is counted by the caller as unmatched.
 */
public final class ReplyMatcher {
    private final ProbeStrategy strategy;
    private final InetAddress target;

    public ReplyMatcher(ProbeStrategy strategy, InetAddress target) {
        this.strategy = strategy;
        this.target = target;
    }

    public Optional<DecodedReply> decode(byte[] packet) {
        try {
            IpPacket ip = IpPacket.parse(packet);
            if (ip.protocol() == IpProtocol.ICMP && ip.version() == 4) {
                return decodeIcmpV4(ip, ip.icmpv4());
            }
            if (ip.protocol() == IpProtocol.ICMPV6 && ip.version() == 6) {
                return decodeIcmpV6(ip, ip.icmpv6());
            }
            return destinationReply(ip, tcpKind(ip), -1, -1);
        } catch (MalformedPacketException e) {
            return Optional.empty();
        }
    }

    private Optional<DecodedReply> decodeIcmpV4(IpPacket ip, IcmpV4Message m) throws MalformedPacketException {
        ReplyKind kind = switch (m.type()) {
            case IcmpV4Type.TIME_EXCEEDED -> ReplyKind.TIME_EXCEEDED;
            case IcmpV4Type.DEST_UNREACHABLE -> ReplyKind.DEST_UNREACHABLE;
            case IcmpV4Type.PARAMETER_PROBLEM -> ReplyKind.PARAMETER_PROBLEM;
            case IcmpV4Type.ECHO_REPLY -> ReplyKind.ECHO_REPLY;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        if (kind == ReplyKind.ECHO_REPLY) {
            return destinationReply(ip, kind, m.type(), m.code());
        }
        int mtu = m.type() == IcmpV4Type.DEST_UNREACHABLE && m.code() == 4 ? m.nextHopMtu() : -1;
        return quoteReply(ip, kind, m.type(), m.code(), m.quotedPacket(), mtu, m.extensions());
    }

    private Optional<DecodedReply> decodeIcmpV6(IpPacket ip, IcmpV6Message m) throws MalformedPacketException {
        ReplyKind kind = switch (m.type()) {
            case IcmpV6Type.TIME_EXCEEDED -> ReplyKind.TIME_EXCEEDED;
            case IcmpV6Type.DEST_UNREACHABLE -> ReplyKind.DEST_UNREACHABLE;
            case IcmpV6Type.PARAMETER_PROBLEM -> ReplyKind.PARAMETER_PROBLEM;
            case IcmpV6Type.PACKET_TOO_BIG -> ReplyKind.PACKET_TOO_BIG;
            case IcmpV6Type.ECHO_REPLY -> ReplyKind.ECHO_REPLY;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        if (kind == ReplyKind.ECHO_REPLY) {
            return destinationReply(ip, kind, m.type(), m.code());
        }
        int mtu = kind == ReplyKind.PACKET_TOO_BIG ? (int) Math.min(Integer.MAX_VALUE, m.mtu()) : -1;
        return quoteReply(ip, kind, m.type(), m.code(), m.quotedPacket(), mtu, m.extensions());
    }

    private Optional<DecodedReply> quoteReply(IpPacket ip, ReplyKind kind, int type, int code, IpPacket quoted,
            int mtu, Optional<IcmpExtensions> ext) throws MalformedPacketException {
        if (!quoted.destination().equals(target)) {
            return Optional.empty();
        }
        List<Integer> keys = strategy.keysFromQuote(quoted);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        int quotedDport = -1;
        int quotedChecksum = -1;
        if (quoted.protocol() == IpProtocol.UDP) {
            quotedDport = quoted.udp().destinationPort();
            quotedChecksum = quoted.udp().checksum();
        } else if (quoted.protocol() == IpProtocol.TCP) {
            quotedDport = quoted.tcp().destinationPort();
        } else if (quoted.protocol() == IpProtocol.ICMP) {
            quotedChecksum = quoted.icmpv4().checksum();
        } else if (quoted.protocol() == IpProtocol.ICMPV6) {
            quotedChecksum = quoted.icmpv6().checksum();
        }
        List<MplsEntry> mpls = new ArrayList<>();
        List<InterfaceInfo> ifaces = new ArrayList<>();
        if (ext.isPresent()) {
            for (IcmpExtensionObject o : ext.get().objects()) {
                if (o instanceof IcmpExtensionObject.MplsLabelStack s) {
                    for (MplsLabel l : s.entries()) {
                        mpls.add(new MplsEntry(l.label(), l.trafficClass(), l.bottomOfStack(), l.ttl()));
                    }
                } else if (o instanceof IcmpExtensionObject.InterfaceInformation i) {
                    ifaces.add(new InterfaceInfo(i.role(),
                            i.ifIndex().isPresent() ? Integer.toUnsignedLong(i.ifIndex().getAsInt()) : -1,
                            i.address().map(InetAddress::getHostAddress).orElse(null),
                            i.name().orElse(null), i.mtu().orElse(-1)));
                }
            }
        }
        // A destination unreachable from the target itself (port unreachable for UDP, RFC 1122
        // §4.1.3.1) is the destination's answer; from anyone else it is a router's error.
        boolean fromDestination = ip.source().equals(target) && kind == ReplyKind.DEST_UNREACHABLE;
        return Optional.of(new DecodedReply(keys, kind, ip.source(), type, code, ip.ttl(), ipId(ip), quoted.ttl(),
                ipId(quoted), quotedChecksum, quoted.source(), quotedDport, fromDestination, mtu, mpls, ifaces));
    }

    private Optional<DecodedReply> destinationReply(IpPacket ip, ReplyKind kind, int type, int code)
            throws MalformedPacketException {
        if (kind == null || !ip.source().equals(target)) {
            return Optional.empty();
        }
        List<Integer> keys = strategy.keysFromDestinationReply(ip);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DecodedReply(keys, kind, ip.source(), type, code, ip.ttl(), ipId(ip), -1, -1, -1,
                null, -1, true, -1, List.of(), List.of()));
    }

    private static ReplyKind tcpKind(IpPacket ip) throws MalformedPacketException {
        if (ip.protocol() != IpProtocol.TCP) {
            return null;
        }
        var tcp = ip.tcp();
        if (tcp.isRst()) {
            return ReplyKind.TCP_RST;
        }
        if (tcp.isSyn() && tcp.isAck()) {
            return ReplyKind.TCP_SYN_ACK;
        }
        return tcp.isAck() ? ReplyKind.TCP_ACK : null;
    }

    private static int ipId(IpPacket ip) {
        return ip instanceof Ipv4Packet v4 ? v4.identification() : -1;
    }
}
