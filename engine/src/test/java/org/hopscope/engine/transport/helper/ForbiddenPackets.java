package org.hopscope.engine.transport.helper;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.netns.Addresses;
import org.hopscope.engine.netns.LabTopology;
import org.hopscope.engine.packet.IcmpV4Builder;
import org.hopscope.engine.packet.IcmpV6Builder;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Builder;
import org.hopscope.engine.packet.Ipv6Builder;
import org.hopscope.engine.packet.TcpBuilder;
import org.hopscope.engine.packet.TcpFlags;
import org.hopscope.engine.packet.UdpBuilder;

/**
 * One packet for every kind of request the helper's policy must refuse (native-helper PROTOCOL.md
 * §4), each with the reason word the helper must answer. Every payload carries {@link #MARKER}.
 */
final class ForbiddenPackets {
    static final byte[] MARKER = "HSPOLICY".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    record Forbidden(String what, String reason, byte[] packet) {
    }

    private ForbiddenPackets() {
    }

    static List<Forbidden> all(InetAddress src4, InetAddress dst4, InetAddress src6, InetAddress dst6) {
        List<Forbidden> f = new ArrayList<>();
        f.add(new Forbidden("TCP RST", "tcp-flags", v4(src4, dst4, 64, IpProtocol.TCP, tcp(src4, dst4, TcpFlags.RST))));
        f.add(new Forbidden("TCP FIN", "tcp-flags", v4(src4, dst4, 64, IpProtocol.TCP, tcp(src4, dst4, TcpFlags.FIN | TcpFlags.ACK))));
        f.add(new Forbidden("TCP SYN+ECE", "tcp-flags", v4(src4, dst4, 64, IpProtocol.TCP, tcp(src4, dst4, TcpFlags.SYN | TcpFlags.ECE))));
        f.add(new Forbidden("ICMP echo reply", "icmp-type", v4(src4, dst4, 64, IpProtocol.ICMP, icmp(0, 0))));
        f.add(new Forbidden("ICMP time exceeded", "icmp-type", v4(src4, dst4, 64, IpProtocol.ICMP, icmp(11, 0))));
        f.add(new Forbidden("ICMP timestamp", "icmp-type", v4(src4, dst4, 64, IpProtocol.ICMP, icmp(13, 0))));
        f.add(new Forbidden("multicast destination", "destination-multicast",
                v4(src4, a("224.0.0.1"), 64, IpProtocol.UDP, udp(src4, a("224.0.0.1"), 40000, 33457))));
        f.add(new Forbidden("limited broadcast", "destination-broadcast",
                v4(src4, a("255.255.255.255"), 64, IpProtocol.UDP, udp(src4, a("255.255.255.255"), 40000, 33457))));
        f.add(new Forbidden("directed broadcast of the local subnet", "destination-broadcast",
                v4(src4, a("198.18.0.255"), 64, IpProtocol.UDP, udp(src4, a("198.18.0.255"), 40000, 33457))));
        f.add(new Forbidden("unspecified destination", "destination-unspecified",
                v4(src4, a("0.0.0.0"), 64, IpProtocol.UDP, udp(src4, a("0.0.0.0"), 40000, 33457))));
        f.add(new Forbidden("reserved destination", "destination-reserved",
                v4(src4, a("240.0.0.1"), 64, IpProtocol.UDP, udp(src4, a("240.0.0.1"), 40000, 33457))));
        InetAddress foreign = Addresses.of("198.18.3.99");
        f.add(new Forbidden("foreign source", "source-not-local",
                v4(foreign, dst4, 64, IpProtocol.UDP, udp(foreign, dst4, 40000, 33457))));
        byte[] udp = udp(src4, dst4, 40000, 33457);
        f.add(new Forbidden("fragment (MF)", "fragment", new Ipv4Builder().source(src4).destination(dst4).ttl(64)
                .identification(7).moreFragments(true).protocol(IpProtocol.UDP).payload(udp).build()));
        f.add(new Forbidden("fragment (offset)", "fragment", new Ipv4Builder().source(src4).destination(dst4).ttl(64)
                .identification(7).fragmentOffset(8).protocol(IpProtocol.UDP).payload(udp).build()));
        f.add(new Forbidden("IP options", "ip-options", new Ipv4Builder().source(src4).destination(dst4).ttl(64)
                .options(new byte[] {1, 1, 1, 0}).protocol(IpProtocol.UDP).payload(udp).build()));
        f.add(new Forbidden("oversize", "too-long", v4(src4, dst4, 64, IpProtocol.UDP,
                new UdpBuilder().sourcePort(40000).destinationPort(33457).payload(marked(1600)).build(src4, dst4))));
        f.add(new Forbidden("TTL 0", "ttl-zero", v4(src4, dst4, 0, IpProtocol.UDP, udp)));
        f.add(new Forbidden("privileged source port", "privileged-source-port",
                v4(src4, dst4, 64, IpProtocol.UDP, udp(src4, dst4, 53, 33457))));
        f.add(new Forbidden("destination port 0", "port-zero", v4(src4, dst4, 64, IpProtocol.UDP, udp(src4, dst4, 40000, 0))));
        f.add(new Forbidden("GRE", "protocol", v4(src4, dst4, 64, 47, marked(24))));
        byte[] badSum = v4(src4, dst4, 64, IpProtocol.UDP, udp);
        badSum[10] ^= 0x55;
        f.add(new Forbidden("wrong IP header checksum", "ip-checksum", badSum));
        byte[] badUdpLen = v4(src4, dst4, 64, IpProtocol.UDP, udp);
        badUdpLen[25] += 2;
        f.add(new Forbidden("wrong UDP length", "udp-length", badUdpLen));

        f.add(new Forbidden("IPv6 multicast destination", "destination-multicast",
                v6(src6, a("ff02::1"), IpProtocol.UDP, udp(src6, a("ff02::1"), 40000, 33457))));
        InetAddress mapped = v4Mapped(LabTopology.SOURCE4);
        f.add(new Forbidden("IPv4-mapped IPv6 destination", "destination-reserved",
                v6(src6, mapped, IpProtocol.UDP, udp(src6, mapped, 40000, 33457))));
        byte[] hbh = new byte[8 + 16];
        hbh[0] = (byte) IpProtocol.UDP; // next header; length 0 = 8 octets; then a PadN option of 4 padding
        hbh[2] = 1;
        hbh[3] = 4;
        byte[] udp6 = udp(src6, dst6, 40000, 33457);
        byte[] withHbh = new byte[8 + udp6.length];
        System.arraycopy(hbh, 0, withHbh, 0, 8);
        System.arraycopy(udp6, 0, withHbh, 8, udp6.length);
        f.add(new Forbidden("IPv6 hop-by-hop header", "extension-header", v6(src6, dst6, IpProtocol.HOP_BY_HOP, withHbh)));
        f.add(new Forbidden("IPv6 UDP checksum 0", "udp-checksum", v6(src6, dst6, IpProtocol.UDP,
                new UdpBuilder().sourcePort(40000).destinationPort(33457).payload(marked(16)).checksumOverride(0)
                        .build(src6, dst6))));
        f.add(new Forbidden("ICMPv6 echo reply", "icmp-type", v6(src6, dst6, IpProtocol.ICMPV6,
                new IcmpV6Builder().type(129).code(0).identifier(1).sequence(1).payload(marked(16)).build(src6, dst6))));
        return f;
    }

    /** A probe the policy allows, unlike every forbidden one even with the IP ID and checksum ignored. */
    static byte[] allowedUdp(InetAddress src4, InetAddress dst4) {
        return v4(src4, dst4, 64, IpProtocol.UDP, udp(src4, dst4, 40001, 33457));
    }

    /** ::ffff:a.b.c.d as an Inet6Address (InetAddress.getByName would turn it into IPv4). */
    private static InetAddress v4Mapped(InetAddress v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, b, 12, 4);
        try {
            return java.net.Inet6Address.getByAddress(null, b, -1);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress a(String s) {
        return Addresses.of(s);
    }

    private static byte[] marked(int len) {
        byte[] p = new byte[len];
        System.arraycopy(MARKER, 0, p, 0, Math.min(len, MARKER.length));
        return p;
    }

    private static byte[] udp(InetAddress s, InetAddress d, int sport, int dport) {
        return new UdpBuilder().sourcePort(sport).destinationPort(dport).payload(marked(16)).build(s, d);
    }

    private static byte[] tcp(InetAddress s, InetAddress d, int flags) {
        return new TcpBuilder().sourcePort(40000).destinationPort(80).sequenceNumber(1).flags(flags).window(1024)
                .payload(marked(8)).build(s, d);
    }

    private static byte[] icmp(int type, int code) {
        return new IcmpV4Builder().type(type).code(code).identifier(1).sequence(1).payload(marked(16)).build();
    }

    private static byte[] v4(InetAddress s, InetAddress d, int ttl, int proto, byte[] payload) {
        return new Ipv4Builder().source(s).destination(d).ttl(ttl).identification(4242).protocol(proto).payload(payload).build();
    }

    private static byte[] v6(InetAddress s, InetAddress d, int next, byte[] payload) {
        return new Ipv6Builder().source(s).destination(d).hopLimit(64).nextHeader(next).payload(payload).build();
    }
}
