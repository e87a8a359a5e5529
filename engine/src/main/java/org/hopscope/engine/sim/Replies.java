package org.hopscope.engine.sim;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.hopscope.engine.packet.IcmpExtensionObject;
import org.hopscope.engine.packet.IcmpExtensionsBuilder;
import org.hopscope.engine.packet.IcmpV4Builder;
import org.hopscope.engine.packet.IcmpV4Type;
import org.hopscope.engine.packet.IcmpV6Builder;
import org.hopscope.engine.packet.IcmpV6Type;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Builder;
import org.hopscope.engine.packet.Ipv4Packet;
import org.hopscope.engine.packet.Ipv6Builder;
import org.hopscope.engine.packet.Ipv6Packet;
import org.hopscope.engine.packet.MplsLabel;
import org.hopscope.engine.packet.TcpBuilder;
import org.hopscope.engine.packet.TcpFlags;
import org.hopscope.engine.packet.TcpOption;
import org.hopscope.engine.packet.TcpSegment;

/** Builds the packets simulated nodes send, with the packet layer's builders: every checksum computed. */
final class Replies {
    /** RFC 4884 §3 / RFC 4950 practice: with an extension the original datagram field is 128 octets. */
    static final int QUOTE_WITH_EXTENSION = 128;
    /** IP precedence "internetwork control" (RFC 791), what Linux and IOS put on the ICMP errors they send. */
    static final int TOS_INTERNETWORK_CONTROL = 0xc0;

    private Replies() {
    }

    /** RFC 4950 §7: the label stack object, one entry, bottom of stack. */
    static byte[] mplsExtension(int label, int labelTtl) {
        return new IcmpExtensionsBuilder()
                .add(new IcmpExtensionObject.MplsLabelStack(List.of(new MplsLabel(label, 0, true, labelTtl))))
                .build();
    }

    /**
     * An ICMP error from {@code from} about {@code received} (as it arrived there), addressed to
     * the packet's source.
     */
    static byte[] icmpError(Node from, byte[] received, int v4Type, int v4Code, int v6Type, int v6Code,
            long v6Rest, byte[] extension, int ipId) {
        boolean v6 = Wire.isV6(received);
        InetAddress src = from.address(v6).orElseThrow();
        InetAddress dst = Wire.sourceOf(received);
        int headerLength = v6 ? 40 : Wire.ihl(received, 0);
        int quoteLength = from.quote().quoteLength(received.length, headerLength, v6);
        if (extension != null) {
            quoteLength = Math.min(quoteLength, QUOTE_WITH_EXTENSION);
        }
        byte[] quote = Arrays.copyOf(received, quoteLength);
        if (v6) {
            IcmpV6Builder b = new IcmpV6Builder().type(v6Type).code(v6Code).quote(quote);
            if (v6Rest != 0) {
                b.restOfHeader((int) v6Rest);
            }
            if (extension != null) {
                b.extensions(extension);
            }
            return new Ipv6Builder().source(src).destination(dst).hopLimit(from.initialTtl())
                    .nextHeader(IpProtocol.ICMPV6).payload(b.build(src, dst)).build();
        }
        IcmpV4Builder b = new IcmpV4Builder().type(v4Type).code(v4Code).quote(quote);
        if (extension != null) {
            b.extensions(extension);
        }
        return new Ipv4Builder().source(src).destination(dst).ttl(from.initialTtl()).tos(TOS_INTERNETWORK_CONTROL)
                .identification(ipId).protocol(IpProtocol.ICMP).payload(b.build()).build();
    }

    static byte[] timeExceeded(Node from, byte[] received, byte[] extension, int ipId) {
        return icmpError(from, received, IcmpV4Type.TIME_EXCEEDED, IcmpV4Type.CODE_TTL_EXCEEDED_IN_TRANSIT,
                IcmpV6Type.TIME_EXCEEDED, IcmpV6Type.CODE_HOP_LIMIT_EXCEEDED, 0, extension, ipId);
    }

    static byte[] unreachable(Node from, byte[] received, Node.Unreachable u, byte[] extension, int ipId) {
        // ICMPv6 parameter problem "unrecognized next header" points at the next header field (RFC 4443 §3.4).
        long rest = u.v6Type() == IcmpV6Type.PARAMETER_PROBLEM ? 6 : 0;
        return icmpError(from, received, IcmpV4Type.DEST_UNREACHABLE, u.v4Code(), u.v6Type(), u.v6Code(), rest,
                extension, ipId);
    }

    /** Echo reply: same identifier, sequence and data (RFC 792; RFC 4443 §4.2); TOS copied like Linux. */
    static byte[] echoReply(Node from, IpPacket request, int ipId) throws org.hopscope.engine.packet.MalformedPacketException {
        InetAddress src = request.destination();
        InetAddress dst = request.source();
        if (request instanceof Ipv6Packet) {
            var m = request.icmpv6();
            byte[] icmp = new IcmpV6Builder().type(IcmpV6Type.ECHO_REPLY).code(0).identifier(m.identifier())
                    .sequence(m.sequence()).payload(m.payload()).build(src, dst);
            return new Ipv6Builder().source(src).destination(dst).hopLimit(from.initialTtl())
                    .trafficClass(request.trafficClass()).nextHeader(IpProtocol.ICMPV6).payload(icmp).build();
        }
        var m = request.icmpv4();
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.ECHO_REPLY).code(0).identifier(m.identifier())
                .sequence(m.sequence()).payload(m.payload()).build();
        return new Ipv4Builder().source(src).destination(dst).ttl(from.initialTtl()).tos(request.trafficClass())
                .identification(ipId).protocol(IpProtocol.ICMP).payload(icmp).build();
    }

    /**
     * A TCP host's answer to a segment with no connection (RFC 9293 §3.10.7.1): SYN-ACK from an open
     * port to a SYN, else RST; null for an incoming RST.
     */
    static byte[] tcpAnswer(Node from, IpPacket request, boolean open, long isn, int ipId)
            throws org.hopscope.engine.packet.MalformedPacketException {
        TcpSegment s = request.tcp();
        if (s.isRst()) {
            return null;
        }
        InetAddress src = request.destination();
        InetAddress dst = request.source();
        boolean v6 = request instanceof Ipv6Packet;
        TcpBuilder b = new TcpBuilder().sourcePort(s.destinationPort()).destinationPort(s.sourcePort());
        if (s.isSyn() && !s.isAck() && open) {
            b.sequenceNumber(isn).acknowledgementNumber((s.sequenceNumber() + 1) & 0xffffffffL)
                    .flags(TcpFlags.SYN | TcpFlags.ACK).window(64240)
                    .options(List.of(new TcpOption.Mss(v6 ? 1440 : 1460)));
        } else if (s.isAck()) {
            b.sequenceNumber(s.acknowledgementNumber()).flags(TcpFlags.RST);
        } else {
            int headerLength = request instanceof Ipv4Packet v4 ? v4.headerLength() : ((Ipv6Packet) request).upperLayerOffset();
            long dataLength = request.totalLength() - headerLength - s.headerLength();
            long segLen = dataLength + (s.isSyn() ? 1 : 0) + (s.isFin() ? 1 : 0);
            b.sequenceNumber(0).acknowledgementNumber((s.sequenceNumber() + segLen) & 0xffffffffL)
                    .flags(TcpFlags.RST | TcpFlags.ACK);
        }
        byte[] segment = b.build(src, dst);
        if (v6) {
            return new Ipv6Builder().source(src).destination(dst).hopLimit(from.initialTtl())
                    .nextHeader(IpProtocol.TCP).payload(segment).build();
        }
        return new Ipv4Builder().source(src).destination(dst).ttl(from.initialTtl()).identification(ipId)
                .dontFragment(true).protocol(IpProtocol.TCP).payload(segment).build();
    }
}
