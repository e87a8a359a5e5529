package org.hopscope.engine.transport.datagram;

import java.net.InetAddress;
import java.util.Arrays;
import org.hopscope.engine.algo.TtlMath;
import org.hopscope.engine.packet.IcmpV4Builder;
import org.hopscope.engine.packet.IcmpV6Builder;
import org.hopscope.engine.packet.InternetChecksum;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Builder;
import org.hopscope.engine.packet.Ipv6Builder;

/**
 * Rebuilds, from what a datagram socket reports, the reply packet a raw socket would have received,
 * so the engine's ReplyMatcher decodes both transports the same way. What is known and what is
 * synthesized, exactly:
 *
 * <p><b>ICMP errors</b> (error queue, sock_extended_err):
 * <ul>
 * <li>outer IP header: source = SO_EE_OFFENDER; destination = the probe's source; TTL / hop limit =
 *     IP_RECVTTL / IPV6_HOPLIMIT (0 if the kernel gave none); TOS / traffic class = IP_RECVTOS /
 *     IPV6_TCLASS (else 0); <b>IPv4 ID = 0</b> (not delivered); IPv6 flow label 0; no options.</li>
 * <li>ICMP header: type, code from ee_type, ee_code; next-hop MTU (fragmentation needed, packet too
 *     big) and parameter-problem pointer from ee_info; the RFC 4884 length attribute is recomputed
 *     for the rebuilt quote; checksum computed.</li>
 * <li>quote: <b>the probe as the engine crafted it</b> (IP header, then the 8-byte UDP or ICMP header,
 *     whose identity fields the kernel reproduced: ports, UDP checksum, ICMP checksum and sequence),
 *     followed by the payload bytes the router really quoted. Not delivered by the kernel and so
 *     reconstructed: the quoted IPv4 ID (the crafted one: the kernel chose another on the wire), and
 *     <b>the quoted TTL</b>: 1 for time exceeded (what a router that expires a probe holds), otherwise
 *     the probe's TTL minus the hops the reply travelled (estimated from the reply TTL), at least 1.
 *     A NAT's rewriting of the quote is not visible: the kernel matched the error to the socket
 *     after conntrack had undone it.</li>
 * <li>extensions (MPLS, RFC 4950; interface information, RFC 5837): copied after the quote when the
 *     kernel located them (IP_RECVERR_RFC4884, Linux 5.9+) and did not flag them invalid.</li>
 * </ul>
 *
 * <p><b>Echo replies</b> (normal data on ping sockets, from the ICMP header on): the ICMP message as
 * received, with an IP header built as above (source = the sender, IPv4 ID = 0). When the kernel wrote
 * another echo identifier than the crafted one (the socket could not be bound to it), the crafted
 * identifier is put back and the checksum recomputed, so the reply names the probe as the engine
 * knows it.
 */
final class ReplySynthesizer {
    private static final int ICMP4_TIME_EXCEEDED = 11;
    private static final int ICMP4_UNREACHABLE = 3;
    private static final int ICMP4_PARAMETER_PROBLEM = 12;
    private static final int ICMP4_FRAGMENTATION_NEEDED = 4;
    private static final int ICMP6_PACKET_TOO_BIG = 2;
    private static final int ICMP6_TIME_EXCEEDED = 3;
    private static final int ICMP6_PARAMETER_PROBLEM = 4;
    private static final int TRANSPORT_HEADER = 8;

    private ReplySynthesizer() {
    }

    /**
     * The ICMP error as a complete IP packet.
     *
     * @param quotedFrom where in {@code m.data()} the quoted payload (after the transport header) starts:
     *     8 for ping sockets (the data starts at the quoted ICMP header), 0 for UDP sockets
     */
    static byte[] icmpError(SentProbe probe, ReceivedMessage m, int quotedFrom) {
        ReceivedMessage.ExtendedError e = m.error();
        byte[] data = m.data();
        boolean v6 = probe.headerLength == 40;
        int extAt = e.rfc4884Length() > 0 && e.rfc4884Length() <= data.length ? e.rfc4884Length() : data.length;
        int from = Math.min(quotedFrom, extAt);
        byte[] extensions = extAt < data.length && !e.rfc4884Invalid() ? Arrays.copyOfRange(data, extAt, data.length) : null;

        int quotedTtl = quotedTtl(probe.ttl, e.type(), v6, m.ttl());
        byte[] quote = new byte[probe.headerLength + TRANSPORT_HEADER + (extAt - from)];
        System.arraycopy(probe.packet, 0, quote, 0, Math.min(probe.packet.length, probe.headerLength + TRANSPORT_HEADER));
        System.arraycopy(data, from, quote, probe.headerLength + TRANSPORT_HEADER, extAt - from);
        if (v6) {
            quote[7] = (byte) quotedTtl;
        } else {
            quote[8] = (byte) quotedTtl;
            quote[10] = 0;
            quote[11] = 0;
            int sum = InternetChecksum.checksum(quote, 0, 20);
            quote[10] = (byte) (sum >>> 8);
            quote[11] = (byte) sum;
        }
        int replyTtl = Math.max(0, m.ttl());
        int tos = Math.max(0, m.tos());
        InetAddress from4or6 = e.offender();
        if (v6) {
            IcmpV6Builder b = new IcmpV6Builder().type(e.type()).code(e.code()).quote(quote);
            if (e.type() == ICMP6_PACKET_TOO_BIG) {
                b.mtu(e.info());
            } else if (e.type() == ICMP6_PARAMETER_PROBLEM) {
                b.pointer(e.info());
            } else {
                b.restOfHeader(0);
            }
            if (extensions != null) {
                b.extensions(extensions);
            }
            byte[] icmp = b.build(from4or6, probe.source);
            return new Ipv6Builder().source(from4or6).destination(probe.source).hopLimit(replyTtl)
                    .trafficClass(tos).flowLabel(0).nextHeader(IpProtocol.ICMPV6).payload(icmp).build();
        }
        IcmpV4Builder b = new IcmpV4Builder().type(e.type()).code(e.code()).restOfHeader(0).quote(quote);
        if (e.type() == ICMP4_UNREACHABLE && e.code() == ICMP4_FRAGMENTATION_NEEDED) {
            b.nextHopMtu((int) (e.info() & 0xffff));
        } else if (e.type() == ICMP4_PARAMETER_PROBLEM) {
            b.pointer((int) (e.info() & 0xff));
        }
        if (extensions != null) {
            b.extensions(extensions);
        }
        return new Ipv4Builder().source(from4or6).destination(probe.source).ttl(replyTtl).tos(tos)
                .identification(0).protocol(IpProtocol.ICMP).payload(b.build()).build();
    }

    /**
     * The TTL the probe had when the replying node got it. Time exceeded: 1 by definition. Others (a
     * destination's port unreachable above all): the sent TTL minus the hops the reply travelled back,
     * estimated from its TTL as traceroute's --back does, which assumes a symmetric path.
     */
    static int quotedTtl(int sentTtl, int type, boolean v6, int replyTtl) {
        if (type == (v6 ? ICMP6_TIME_EXCEEDED : ICMP4_TIME_EXCEEDED)) {
            return 1;
        }
        if (replyTtl <= 0) {
            return sentTtl;
        }
        return Math.max(1, Math.min(sentTtl, sentTtl - TtlMath.returnHops(replyTtl) + 1));
    }

    /**
     * An echo reply as a complete IP packet.
     *
     * @param craftedIdentifier the identifier the engine put in the probe; the kernel wrote the socket's
     */
    static byte[] echoReply(SentProbe probe, ReceivedMessage m, int craftedIdentifier) {
        byte[] icmp = m.data().clone();
        boolean v6 = probe.headerLength == 40;
        int wireIdentifier = ((icmp[4] & 0xff) << 8) | (icmp[5] & 0xff);
        if (wireIdentifier != craftedIdentifier) {
            icmp[4] = (byte) (craftedIdentifier >>> 8);
            icmp[5] = (byte) craftedIdentifier;
            icmp[2] = 0;
            icmp[3] = 0;
            int sum = v6
                    ? InternetChecksum.fold(InternetChecksum.pseudoHeaderSum(m.peer(), probe.source, IpProtocol.ICMPV6, icmp.length)
                            + InternetChecksum.partialSum(icmp, 0, icmp.length))
                    : InternetChecksum.checksum(icmp, 0, icmp.length);
            icmp[2] = (byte) (sum >>> 8);
            icmp[3] = (byte) sum;
        }
        int ttl = Math.max(0, m.ttl());
        int tos = Math.max(0, m.tos());
        if (v6) {
            return new Ipv6Builder().source(m.peer()).destination(probe.source).hopLimit(ttl).trafficClass(tos)
                    .flowLabel(0).nextHeader(IpProtocol.ICMPV6).payload(icmp).build();
        }
        return new Ipv4Builder().source(m.peer()).destination(probe.source).ttl(ttl).tos(tos).identification(0)
                .protocol(IpProtocol.ICMP).payload(icmp).build();
    }
}
