package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import org.hopscope.engine.packet.IcmpExtensionObject.MplsLabelStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real packets captured in a network-namespace topology (netns-*.hex, from netns-capture.pcap) and real
 * ICMP messages with MPLS extensions published as trippy's test vectors (trippy-*.hex). Expected values
 * were read with tshark from the same capture; see fixtures/PROVENANCE.md.
 */
class CapturedFixturesTest {
    private static final InetAddress SRC4 = SamplePackets.addr("198.18.1.2");
    private static final InetAddress RTR4 = SamplePackets.addr("198.18.1.1");
    private static final InetAddress DST4 = SamplePackets.addr("198.18.2.2");
    private static final InetAddress SRC6 = SamplePackets.addr("2001:db8:1::2");
    private static final InetAddress RTR6 = SamplePackets.addr("2001:db8:1::1");
    private static final InetAddress DST6 = SamplePackets.addr("2001:db8:2::2");

    private static IpPacket ip(String name) throws MalformedPacketException {
        return IpPacket.parse(Fixtures.load(name).bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"netns-v4-udp-probe-ttl1", "netns-v4-time-exceeded-udp", "netns-v4-udp-probe-ttl2",
        "netns-v4-port-unreachable", "netns-v4-udp-probe-1400-df", "netns-v4-frag-needed", "netns-v4-tcp-syn-options",
        "netns-v4-tcp-rst", "netns-v4-echo-request-ttl1", "netns-v4-time-exceeded-echo", "netns-v4-echo-request-ttl2",
        "netns-v4-echo-reply", "netns-v6-udp-probe-hlim1", "netns-v6-time-exceeded-udp", "netns-v6-udp-probe-hlim2",
        "netns-v6-port-unreachable", "netns-v6-udp-probe-1400", "netns-v6-packet-too-big"})
    void hexFixtureIsTheCapturedFrameWithoutItsEthernetHeader(String name) {
        Fixtures.Fixture f = Fixtures.load(name);
        ClassicPcapReader.PcapFile pcap = ClassicPcapReader.read(Fixtures.resource("netns-capture.pcap"));
        assertThat(pcap.linkType()).isEqualTo(1);   // Ethernet
        byte[] frame = pcap.records().get(f.frame() - 1).data();
        assertThat(f.bytes()).isEqualTo(Arrays.copyOfRange(frame, 14, frame.length));
        assertThat(f.layer()).isEqualTo(f.bytes()[0] >>> 4 == 4 ? "ipv4" : "ipv6");
    }

    @Test
    void udpProbeTtl1() throws Exception {
        Ipv4Packet ip = (Ipv4Packet) ip("netns-v4-udp-probe-ttl1");
        assertThat(ip.source()).isEqualTo(SRC4);
        assertThat(ip.destination()).isEqualTo(DST4);
        assertThat(ip.ttl()).isEqualTo(1);
        assertThat(ip.identification()).isEqualTo(0xbc5b);
        assertThat(ip.headerChecksumValid()).isTrue();
        UdpDatagram udp = ip.udp();
        assertThat(udp.sourcePort()).isEqualTo(57056);
        assertThat(udp.destinationPort()).isEqualTo(33434);
        assertThat(udp.checksum()).isEqualTo(0x19f5);
        assertThat(udp.checksumValid(ip.source(), ip.destination())).isTrue();
        assertThat(udp.payload()).hasSize(32);
    }

    @Test
    void routerTimeExceededQuotesTheWholeProbe() throws Exception {
        Ipv4Packet ip = (Ipv4Packet) ip("netns-v4-time-exceeded-udp");
        assertThat(ip.source()).isEqualTo(RTR4);
        assertThat(ip.destination()).isEqualTo(SRC4);
        assertThat(ip.ttl()).isEqualTo(64);
        assertThat(ip.trafficClass()).isEqualTo(0xc0);   // Linux sends ICMP errors with precedence 6
        assertThat(ip.identification()).isEqualTo(0x3987);
        IcmpV4Message icmp = ip.icmpv4();
        assertThat(icmp.type()).isEqualTo(IcmpV4Type.TIME_EXCEEDED);
        assertThat(icmp.code()).isEqualTo(IcmpV4Type.CODE_TTL_EXCEEDED_IN_TRANSIT);
        assertThat(icmp.checksum()).isEqualTo(0x8462);
        assertThat(icmp.checksumValid()).isTrue();
        assertThat(icmp.rfc4884Length()).isZero();
        assertThat(icmp.extensions()).isEmpty();
        IpPacket quoted = icmp.quotedPacket();
        assertThat(quoted.isTruncated()).isFalse();
        // The router checks the TTL before decrementing it: the quote is the probe byte for byte.
        assertThat(quoted.bytes()).isEqualTo(Fixtures.load("netns-v4-udp-probe-ttl1").bytes());
        assertThat(quoted.udp().checksumValid(quoted.source(), quoted.destination())).isTrue();
    }

    @Test
    void destinationPortUnreachable() throws Exception {
        Ipv4Packet ip = (Ipv4Packet) ip("netns-v4-port-unreachable");
        assertThat(ip.source()).isEqualTo(DST4);
        assertThat(ip.ttl()).isEqualTo(63);
        IcmpV4Message icmp = ip.icmpv4();
        assertThat(icmp.type()).isEqualTo(IcmpV4Type.DEST_UNREACHABLE);
        assertThat(icmp.code()).isEqualTo(IcmpV4Type.CODE_PORT_UNREACHABLE);
        assertThat(icmp.checksum()).isEqualTo(0x8c5f);
        assertThat(icmp.checksumValid()).isTrue();
        Ipv4Packet quoted = (Ipv4Packet) icmp.quotedPacket();
        assertThat(quoted.ttl()).isEqualTo(1);   // sent with 2, one hop consumed
        assertThat(quoted.identification()).isEqualTo(0xfba1);
        assertThat(quoted.udp().sourcePort()).isEqualTo(43642);
        assertThat(quoted.udp().destinationPort()).isEqualTo(33435);
        assertThat(quoted.udp().checksum()).isEqualTo(0x4e5a);
    }

    @Test
    void fragmentationNeededQuotesA548BytePrefix() throws Exception {
        Ipv4Packet probe = (Ipv4Packet) ip("netns-v4-udp-probe-1400-df");
        assertThat(probe.totalLength()).isEqualTo(1400);
        assertThat(probe.dontFragment()).isTrue();
        assertThat(probe.udp().checksumValid(probe.source(), probe.destination())).isTrue();

        Ipv4Packet ip = (Ipv4Packet) ip("netns-v4-frag-needed");
        assertThat(ip.totalLength()).isEqualTo(576);   // RFC 1812 §4.3.2.3: at most 576 octets
        IcmpV4Message icmp = ip.icmpv4();
        assertThat(icmp.type()).isEqualTo(IcmpV4Type.DEST_UNREACHABLE);
        assertThat(icmp.code()).isEqualTo(IcmpV4Type.CODE_FRAGMENTATION_NEEDED);
        assertThat(icmp.nextHopMtu()).isEqualTo(1280);
        assertThat(icmp.checksum()).isEqualTo(0xb66c);
        assertThat(icmp.checksumValid()).isTrue();
        assertThat(icmp.rfc4884Length()).isZero();
        assertThat(icmp.extensions()).isEmpty();
        Ipv4Packet quoted = (Ipv4Packet) icmp.quotedPacket();
        assertThat(quoted.isTruncated()).isTrue();
        assertThat(quoted.totalLength()).isEqualTo(1400);
        assertThat(quoted.bytes()).hasSize(548);
        assertThat(quoted.identification()).isEqualTo(0xe52a);
        assertThat(quoted.dontFragment()).isTrue();
        UdpDatagram udp = quoted.udp();
        assertThat(udp.sourcePort()).isEqualTo(55774);
        assertThat(udp.checksum()).isEqualTo(0x7241);
        assertThat(udp.isTruncated()).isTrue();
        assertThat(udp.checksumValid(quoted.source(), quoted.destination())).isFalse();
    }

    @Test
    void tcpSynWithOptionsAndTheRst() throws Exception {
        Ipv4Packet syn = (Ipv4Packet) ip("netns-v4-tcp-syn-options");
        TcpSegment tcp = syn.tcp();
        assertThat(tcp.sourcePort()).isEqualTo(56367);
        assertThat(tcp.destinationPort()).isEqualTo(80);
        assertThat(tcp.sequenceNumber()).isEqualTo(1604984277L);
        assertThat(tcp.flags()).isEqualTo(TcpFlags.SYN);
        assertThat(tcp.window()).isEqualTo(4960);
        assertThat(tcp.checksumValid(syn.source(), syn.destination())).isTrue();
        assertThat(tcp.options()).contains(new TcpOption.Mss(1460), new TcpOption.SackPermitted(),
                new TcpOption.Timestamps(4229063088L, 0), new TcpOption.WindowScale(2));

        Ipv4Packet rst = (Ipv4Packet) ip("netns-v4-tcp-rst");
        assertThat(rst.source()).isEqualTo(DST4);
        assertThat(rst.ttl()).isEqualTo(63);
        assertThat(rst.dontFragment()).isTrue();
        TcpSegment reply = rst.tcp();
        assertThat(reply.sourcePort()).isEqualTo(80);
        assertThat(reply.destinationPort()).isEqualTo(56367);
        assertThat(reply.isRst()).isTrue();
        assertThat(reply.isAck()).isTrue();
        assertThat(reply.acknowledgementNumber()).isEqualTo(1604984278L);
        assertThat(reply.window()).isZero();
        assertThat(reply.options()).isEmpty();
        assertThat(reply.checksumValid(rst.source(), rst.destination())).isTrue();
    }

    @Test
    void echoProbesTheirTimeExceededAndTheReply() throws Exception {
        IcmpV4Message request = ip("netns-v4-echo-request-ttl1").icmpv4();
        assertThat(request.type()).isEqualTo(IcmpV4Type.ECHO_REQUEST);
        assertThat(request.identifier()).isEqualTo(13855);
        assertThat(request.sequence()).isEqualTo(1);
        assertThat(request.checksumValid()).isTrue();

        IpPacket te = ip("netns-v4-time-exceeded-echo");
        IcmpV4Message icmp = te.icmpv4();
        assertThat(icmp.type()).isEqualTo(IcmpV4Type.TIME_EXCEEDED);
        assertThat(icmp.checksum()).isEqualTo(0xf4ff);
        IcmpV4Message quotedEcho = icmp.quotedPacket().icmpv4();
        assertThat(quotedEcho.type()).isEqualTo(IcmpV4Type.ECHO_REQUEST);
        assertThat(quotedEcho.identifier()).isEqualTo(13855);
        assertThat(quotedEcho.sequence()).isEqualTo(1);
        assertThat(quotedEcho.checksum()).isEqualTo(0x4c5a);
        assertThat(quotedEcho.checksumValid()).isTrue();

        IpPacket replyIp = ip("netns-v4-echo-reply");
        IcmpV4Message reply = replyIp.icmpv4();
        assertThat(replyIp.ttl()).isEqualTo(63);
        assertThat(reply.type()).isEqualTo(IcmpV4Type.ECHO_REPLY);
        assertThat(reply.identifier()).isEqualTo(13855);
        assertThat(reply.sequence()).isEqualTo(2);
        assertThat(reply.checksum()).isEqualTo(0x5459);
        assertThat(reply.payload()).isEqualTo(ip("netns-v4-echo-request-ttl2").icmpv4().payload());
    }

    @Test
    void ipv6ProbeAndTimeExceeded() throws Exception {
        Ipv6Packet probe = (Ipv6Packet) ip("netns-v6-udp-probe-hlim1");
        assertThat(probe.source()).isEqualTo(SRC6);
        assertThat(probe.destination()).isEqualTo(DST6);
        assertThat(probe.ttl()).isEqualTo(1);
        assertThat(probe.flowLabel()).isEqualTo(0x0ffc8e);
        assertThat(probe.trafficClass()).isZero();
        assertThat(probe.udp().sourcePort()).isEqualTo(37819);
        assertThat(probe.udp().checksum()).isEqualTo(0x98ca);
        assertThat(probe.udp().checksumValid(probe.source(), probe.destination())).isTrue();

        Ipv6Packet ip = (Ipv6Packet) ip("netns-v6-time-exceeded-udp");
        assertThat(ip.source()).isEqualTo(RTR6);
        assertThat(ip.destination()).isEqualTo(SRC6);
        assertThat(ip.ttl()).isEqualTo(64);
        assertThat(ip.flowLabel()).isEqualTo(0x032916);
        IcmpV6Message icmp = ip.icmpv6();
        assertThat(icmp.type()).isEqualTo(IcmpV6Type.TIME_EXCEEDED);
        assertThat(icmp.code()).isEqualTo(IcmpV6Type.CODE_HOP_LIMIT_EXCEEDED);
        assertThat(icmp.checksum()).isEqualTo(0x3368);
        assertThat(icmp.checksumValid(ip.source(), ip.destination())).isTrue();
        assertThat(icmp.extensions()).isEmpty();
        assertThat(icmp.quotedPacket().bytes()).isEqualTo(probe.bytes());
    }

    @Test
    void ipv6PortUnreachable() throws Exception {
        IpPacket ip = ip("netns-v6-port-unreachable");
        assertThat(ip.source()).isEqualTo(DST6);
        assertThat(ip.ttl()).isEqualTo(63);
        IcmpV6Message icmp = ip.icmpv6();
        assertThat(icmp.type()).isEqualTo(IcmpV6Type.DEST_UNREACHABLE);
        assertThat(icmp.code()).isEqualTo(IcmpV6Type.CODE_PORT_UNREACHABLE);
        assertThat(icmp.checksumValid(ip.source(), ip.destination())).isTrue();
        IpPacket quoted = icmp.quotedPacket();
        assertThat(quoted.ttl()).isEqualTo(1);
        assertThat(quoted.udp().sourcePort()).isEqualTo(45480);
        assertThat(quoted.udp().destinationPort()).isEqualTo(33435);
    }

    @Test
    void ipv6PacketTooBig() throws Exception {
        IpPacket ip = ip("netns-v6-packet-too-big");
        assertThat(ip.totalLength()).isEqualTo(1280);   // RFC 4443 §2.4(c): as much as fits the minimum MTU
        IcmpV6Message icmp = ip.icmpv6();
        assertThat(icmp.type()).isEqualTo(IcmpV6Type.PACKET_TOO_BIG);
        assertThat(icmp.mtu()).isEqualTo(1280);
        assertThat(icmp.checksum()).isEqualTo(0x4f53);
        assertThat(icmp.checksumValid(ip.source(), ip.destination())).isTrue();
        IpPacket quoted = icmp.quotedPacket();
        assertThat(quoted.isTruncated()).isTrue();
        assertThat(quoted.totalLength()).isEqualTo(1400);
        assertThat(quoted.bytes()).hasSize(1280 - 48);
        assertThat(quoted.udp().sourcePort()).isEqualTo(57916);
        assertThat(quoted.udp().checksum()).isEqualTo(0xcaf2);
    }

    @Test
    void trippyIpv4LengthAttributeBelow128WithTheExtensionAt128() throws Exception {
        IcmpV4Message icmp = IcmpV4Message.parse(Fixtures.load("trippy-v4-time-exceeded-mpls-length17").bytes());
        assertThat(icmp.type()).isEqualTo(IcmpV4Type.TIME_EXCEEDED);
        assertThat(icmp.checksumValid()).isTrue();
        assertThat(icmp.rfc4884Length()).isEqualTo(17);
        assertThat(icmp.quotedBytes()).hasSize(68);
        IcmpExtensions ext = icmp.extensions().orElseThrow();
        assertThat(ext.rfc4884Compliant()).isTrue();
        assertThat(ext.checksum()).isEqualTo(0x7856);
        assertThat(ext.checksumValid()).isTrue();
        assertThat(ext.objects()).containsExactly(new MplsLabelStack(List.of(new MplsLabel(416240, 0, true, 1))));
        IpPacket quoted = icmp.quotedPacket();
        assertThat(quoted.source()).isEqualTo(SamplePackets.addr("100.99.8.42"));
        assertThat(quoted.destination()).isEqualTo(SamplePackets.addr("93.184.216.34"));
        assertThat(quoted.ttl()).isEqualTo(2);
        assertThat(quoted.totalLength()).isEqualTo(84);
        assertThat(quoted.isTruncated()).isTrue();
        IcmpV4Message echo = quoted.icmpv4();
        assertThat(echo.identifier()).isEqualTo(0x6583);
        assertThat(echo.sequence()).isEqualTo(0x80ef);
        assertThat(echo.isTruncated()).isTrue();
    }

    @Test
    void trippyIpv4NonCompliantMpls() throws Exception {
        IcmpV4Message icmp = IcmpV4Message.parse(Fixtures.load("trippy-v4-time-exceeded-mpls-noncompliant").bytes());
        assertThat(icmp.checksum()).isEqualTo(0xf4ff);
        assertThat(icmp.checksumValid()).isTrue();
        assertThat(icmp.rfc4884Length()).isZero();
        assertThat(icmp.quotedBytes()).hasSize(128);
        IcmpExtensions ext = icmp.extensions().orElseThrow();
        assertThat(ext.rfc4884Compliant()).isFalse();
        assertThat(ext.checksum()).isEqualTo(0x993a);
        assertThat(ext.objects()).containsExactly(new MplsLabelStack(List.of(new MplsLabel(19380, 0, true, 1))));
        IpPacket quoted = icmp.quotedPacket();
        assertThat(quoted.source()).isEqualTo(SamplePackets.addr("192.168.1.21"));
        assertThat(quoted.ttl()).isEqualTo(1);
        assertThat(quoted.isTruncated()).isFalse();   // 84 of the 128 octets, the rest is padding
        assertThat(quoted.icmpv4().identifier()).isEqualTo(26074);
        assertThat(quoted.icmpv4().sequence()).isEqualTo(33346);
    }

    @Test
    void trippyIpv6TwoLabelStack() throws Exception {
        IcmpV6Message icmp = IcmpV6Message.parse(Fixtures.load("trippy-v6-time-exceeded-mpls").bytes());
        assertThat(icmp.type()).isEqualTo(IcmpV6Type.TIME_EXCEEDED);
        assertThat(icmp.checksum()).isEqualTo(0xbea8);
        assertThat(icmp.rfc4884Length()).isEqualTo(10);
        assertThat(icmp.quotedBytes()).hasSize(80);
        IcmpExtensions ext = icmp.extensions().orElseThrow();
        assertThat(ext.rfc4884Compliant()).isTrue();
        assertThat(ext.checksumValid()).isTrue();
        assertThat(ext.bytes()).isEqualTo(IcmpExtensionsTest.TRIPPY_MPLS);
        assertThat(ext.objects()).containsExactly(new MplsLabelStack(List.of(
                new MplsLabel(27121, 4, false, 1), new MplsLabel(2, 4, true, 255))));
        Ipv6Packet quoted = (Ipv6Packet) icmp.quotedPacket();
        assertThat(quoted.source()).isEqualTo(SamplePackets.addr("2400:6180:0:d0::1265:b001"));
        assertThat(quoted.destination()).isEqualTo(SamplePackets.addr("2404:6800:4003:c1c::8a"));
        assertThat(quoted.ttl()).isEqualTo(1);
        assertThat(quoted.isTruncated()).isTrue();
        IcmpV6Message echo = quoted.icmpv6();
        assertThat(echo.type()).isEqualTo(IcmpV6Type.ECHO_REQUEST);
        assertThat(echo.identifier()).isEqualTo(10848);
        assertThat(echo.sequence()).isEqualTo(33010);
    }

    @Test
    void trippyIpv6LengthAttributeLongerThanTheMessage() throws Exception {
        IcmpV6Message icmp = IcmpV6Message.parse(Fixtures.load("trippy-v6-time-exceeded-bad-length").bytes());
        assertThat(icmp.rfc4884Length()).isEqualTo(16);
        assertThat(icmp.extensions()).isEmpty();
        assertThat(icmp.quotedBytes()).hasSize(84);
        assertThat(icmp.quotedPacket().icmpv6().identifier()).isEqualTo(13448);
        assertThat(icmp.quotedPacket().icmpv6().sequence()).isEqualTo(33012);
    }
}
