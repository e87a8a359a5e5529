package org.hopscope.engine.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.hopscope.engine.packet.IcmpExtensionObject.InterfaceInformation;
import org.hopscope.engine.packet.IcmpExtensionObject.MplsLabelStack;
import org.hopscope.engine.packet.IcmpExtensionObject.UnknownExtensionObject;

/** Valid packets of every kind the layer knows, crafted with the builders; the seeds of the property tests. */
final class SamplePackets {
    static final InetAddress SRC4 = addr("198.18.1.2");
    static final InetAddress ROUTER4 = addr("198.18.1.1");
    static final InetAddress DST4 = addr("198.18.2.2");
    static final InetAddress SRC6 = addr("2001:db8:1::2");
    static final InetAddress ROUTER6 = addr("2001:db8:1::1");
    static final InetAddress DST6 = addr("2001:db8:2::2");

    static final List<MplsLabel> LABELS = List.of(
            new MplsLabel(27121, 4, false, 1), new MplsLabel(2, 4, true, 255));
    static final InterfaceInformation INCOMING_INTERFACE = new InterfaceInformation(
            InterfaceInformation.ROLE_INCOMING_IP_INTERFACE, OptionalInt.of(7), Optional.of(addr("198.18.1.1")),
            Optional.of("ge-0/0/1.0"), OptionalInt.of(1500));

    private SamplePackets() {
    }

    static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static byte[] payload(int length) {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) {
            p[i] = (byte) (0x40 + i);
        }
        return p;
    }

    static byte[] udp4(int ttl, int srcPort, int dstPort) {
        byte[] udp = new UdpBuilder().sourcePort(srcPort).destinationPort(dstPort).payload(payload(32)).build(SRC4, DST4);
        return new Ipv4Builder().source(SRC4).destination(DST4).ttl(ttl).identification(0x4285)
                .protocol(IpProtocol.UDP).payload(udp).build();
    }

    static List<TcpOption> richTcpOptions() {
        return List.of(new TcpOption.Mss(1460), new TcpOption.SackPermitted(),
                new TcpOption.Timestamps(4143127075L, 0), new TcpOption.NoOperation(), new TcpOption.WindowScale(7));
    }

    static byte[] tcp4() {
        byte[] tcp = new TcpBuilder().sourcePort(49721).destinationPort(80).sequenceNumber(0xdeadbeefL)
                .acknowledgementNumber(0).flags(TcpFlags.SYN).window(64240).options(richTcpOptions()).build(SRC4, DST4);
        return new Ipv4Builder().source(SRC4).destination(DST4).ttl(5).dontFragment(true)
                .protocol(IpProtocol.TCP).payload(tcp).build();
    }

    static byte[] tcp4Sack() {
        List<TcpOption> options = List.of(new TcpOption.NoOperation(), new TcpOption.NoOperation(),
                new TcpOption.Sack(List.of(new TcpOption.SackBlock(1000, 2000), new TcpOption.SackBlock(3000, 4000))));
        byte[] tcp = new TcpBuilder().sourcePort(80).destinationPort(49721).sequenceNumber(1).acknowledgementNumber(1000)
                .flags(TcpFlags.ACK).window(501).options(options).payload(payload(10)).build(DST4, SRC4);
        return new Ipv4Builder().source(DST4).destination(SRC4).protocol(IpProtocol.TCP).payload(tcp).build();
    }

    static byte[] echo4() {
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.ECHO_REQUEST).identifier(0x2015).sequence(1)
                .payload(payload(32)).build();
        return new Ipv4Builder().source(SRC4).destination(DST4).ttl(1).protocol(IpProtocol.ICMP).payload(icmp).build();
    }

    static byte[] extensions() {
        return new IcmpExtensionsBuilder().add(new MplsLabelStack(LABELS)).add(INCOMING_INTERFACE).build();
    }

    static byte[] timeExceeded4(boolean compliant) {
        byte[] quote = udp4(1, 33434, 33435);
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.TIME_EXCEEDED).code(0).quote(quote)
                .extensions(extensions()).rfc4884(compliant).build();
        return new Ipv4Builder().source(ROUTER4).destination(SRC4).ttl(64).tos(0xc0)
                .protocol(IpProtocol.ICMP).payload(icmp).build();
    }

    static byte[] fragNeeded4() {
        byte[] probe = new Ipv4Builder().source(SRC4).destination(DST4).ttl(2).dontFragment(true)
                .protocol(IpProtocol.UDP)
                .payload(new UdpBuilder().sourcePort(44758).destinationPort(33434).payload(payload(1372)).build(SRC4, DST4))
                .build();
        byte[] quote = java.util.Arrays.copyOf(probe, 548);
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.DEST_UNREACHABLE).code(IcmpV4Type.CODE_FRAGMENTATION_NEEDED)
                .nextHopMtu(1280).quote(quote).build();
        return new Ipv4Builder().source(ROUTER4).destination(SRC4).protocol(IpProtocol.ICMP).payload(icmp).build();
    }

    static byte[] parameterProblem4() {
        byte[] quote = java.util.Arrays.copyOf(udp4(3, 33434, 33434), 28);
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.PARAMETER_PROBLEM).pointer(9).quote(quote).build();
        return new Ipv4Builder().source(ROUTER4).destination(SRC4).protocol(IpProtocol.ICMP).payload(icmp).build();
    }

    static byte[] timeExceededQuotingTcp4() {
        byte[] quote = java.util.Arrays.copyOf(tcp4(), 28);   // RFC 792: header + 8 bytes
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.TIME_EXCEEDED).quote(quote).build();
        return new Ipv4Builder().source(ROUTER4).destination(SRC4).protocol(IpProtocol.ICMP).payload(icmp).build();
    }

    static byte[] ipv4WithOptions() {
        byte[] udp = new UdpBuilder().sourcePort(1).destinationPort(2).payload(payload(4)).build(SRC4, DST4);
        return new Ipv4Builder().source(SRC4).destination(DST4).options(new byte[] {1, 1, 1, 0})
                .protocol(IpProtocol.UDP).payload(udp).build();
    }

    static byte[] udp6(int hopLimit) {
        byte[] udp = new UdpBuilder().sourcePort(50775).destinationPort(33434).payload(payload(32)).build(SRC6, DST6);
        return new Ipv6Builder().source(SRC6).destination(DST6).hopLimit(hopLimit).flowLabel(0x12345)
                .trafficClass(0x28).nextHeader(IpProtocol.UDP).payload(udp).build();
    }

    static byte[] timeExceeded6(boolean compliant) {
        byte[] icmp = new IcmpV6Builder().type(IcmpV6Type.TIME_EXCEEDED).quote(udp6(1)).extensions(extensions())
                .rfc4884(compliant).build(ROUTER6, SRC6);
        return new Ipv6Builder().source(ROUTER6).destination(SRC6).nextHeader(IpProtocol.ICMPV6).payload(icmp).build();
    }

    static byte[] packetTooBig6() {
        byte[] probe = new Ipv6Builder().source(SRC6).destination(DST6).hopLimit(2).nextHeader(IpProtocol.UDP)
                .payload(new UdpBuilder().sourcePort(55615).destinationPort(33434).payload(payload(1352)).build(SRC6, DST6))
                .build();
        byte[] quote = java.util.Arrays.copyOf(probe, 1232);   // RFC 4443 §2.4(c): fill to the 1280 minimum MTU
        byte[] icmp = new IcmpV6Builder().type(IcmpV6Type.PACKET_TOO_BIG).mtu(1280).quote(quote).build(ROUTER6, SRC6);
        return new Ipv6Builder().source(ROUTER6).destination(SRC6).nextHeader(IpProtocol.ICMPV6).payload(icmp).build();
    }

    static byte[] echo6() {
        byte[] icmp = new IcmpV6Builder().type(IcmpV6Type.ECHO_REQUEST).identifier(7).sequence(9).payload(payload(16))
                .build(SRC6, DST6);
        return new Ipv6Builder().source(SRC6).destination(DST6).nextHeader(IpProtocol.ICMPV6).payload(icmp).build();
    }

    static byte[] tcp6() {
        byte[] tcp = new TcpBuilder().sourcePort(40000).destinationPort(443).sequenceNumber(5).flags(TcpFlags.SYN)
                .window(1000).options(List.of(new TcpOption.Mss(1440))).build(SRC6, DST6);
        return new Ipv6Builder().source(SRC6).destination(DST6).nextHeader(IpProtocol.TCP).payload(tcp).build();
    }

    /** IPv6 with hop-by-hop (8), destination options (16) and a first-fragment header before UDP. */
    static byte[] udp6WithExtensionHeaders() {
        byte[] udp = new UdpBuilder().sourcePort(1234).destinationPort(33434).payload(payload(8)).build(SRC6, DST6);
        byte[] chain = new byte[8 + 16 + 8 + udp.length];
        chain[0] = (byte) IpProtocol.IPV6_DESTINATION_OPTIONS;   // hop-by-hop: next = dest opts, len 0
        chain[1] = 0;
        chain[2] = 1;                                            // PadN option filling the 6 octets
        chain[3] = 4;
        chain[8] = (byte) IpProtocol.IPV6_FRAGMENT;              // dest opts: next = fragment, len 1 (16 octets)
        chain[9] = 1;
        chain[10] = 1;
        chain[11] = 12;
        chain[24] = (byte) IpProtocol.UDP;                       // fragment header, offset 0, M=1
        chain[27] = 1;
        Bytes.put32(chain, 28, 0xabcdef01L);
        System.arraycopy(udp, 0, chain, 32, udp.length);
        return new Ipv6Builder().source(SRC6).destination(DST6).nextHeader(IpProtocol.HOP_BY_HOP).payload(chain).build();
    }

    /** Name → packet, every kind once. */
    static Map<String, byte[]> all() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("udp4", udp4(1, 33434, 33434));
        m.put("tcp4", tcp4());
        m.put("tcp4Sack", tcp4Sack());
        m.put("echo4", echo4());
        m.put("timeExceeded4Compliant", timeExceeded4(true));
        m.put("timeExceeded4NonCompliant", timeExceeded4(false));
        m.put("fragNeeded4", fragNeeded4());
        m.put("parameterProblem4", parameterProblem4());
        m.put("timeExceededQuotingTcp4", timeExceededQuotingTcp4());
        m.put("ipv4WithOptions", ipv4WithOptions());
        m.put("udp6", udp6(1));
        m.put("timeExceeded6Compliant", timeExceeded6(true));
        m.put("timeExceeded6NonCompliant", timeExceeded6(false));
        m.put("packetTooBig6", packetTooBig6());
        m.put("echo6", echo6());
        m.put("tcp6", tcp6());
        m.put("udp6WithExtensionHeaders", udp6WithExtensionHeaders());
        return m;
    }

    /** Extension structures alone, incl. an unknown class, for the extension decoder. */
    static List<byte[]> extensionStructures() {
        List<byte[]> out = new ArrayList<>();
        out.add(extensions());
        out.add(new IcmpExtensionsBuilder().add(new UnknownExtensionObject(3, 1, new byte[] {1, 2, 3, 4})).build());
        out.add(new IcmpExtensionsBuilder().add(new InterfaceInformation(2, OptionalInt.empty(),
                Optional.of(addr("2001:db8::1")), Optional.empty(), OptionalInt.of(9000))).build());
        return out;
    }
}
