package org.hopscope.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hopscope.engine.probe.ProbeFixtures.*;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hopscope.engine.packet.IcmpV4Message;
import org.hopscope.engine.packet.IcmpV6Message;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.Ipv4Packet;
import org.hopscope.engine.packet.Ipv6Packet;
import org.hopscope.engine.packet.MalformedPacketException;
import org.hopscope.engine.packet.TcpSegment;
import org.hopscope.engine.packet.UdpDatagram;
import org.hopscope.engine.trace.TraceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paris probes hold every field a per-flow load balancer hashes constant within a flow, carry their
 * identity elsewhere, and are valid packets (checksums verify).
 */
class ParisStrategyTest {

    /** The header values a per-flow balancer may hash (probing-facts §1.1), as one comparable string. */
    static String flowTuple(byte[] packet) throws MalformedPacketException {
        IpPacket ip = IpPacket.parse(packet);
        StringBuilder sb = new StringBuilder().append(ip.source()).append('>').append(ip.destination())
                .append(" p").append(ip.protocol()).append(" tos").append(ip.trafficClass());
        if (ip instanceof Ipv6Packet v6) {
            sb.append(" fl").append(v6.flowLabel());
        }
        switch (ip.protocol()) {
            case 17 -> sb.append(" ").append(ip.udp().sourcePort()).append('>').append(ip.udp().destinationPort());
            case 6 -> sb.append(" ").append(ip.tcp().sourcePort()).append('>').append(ip.tcp().destinationPort());
            case 1 -> {
                IcmpV4Message m = ip.icmpv4();
                sb.append(" t").append(m.type()).append(" c").append(m.code()).append(" ck").append(m.checksum());
            }
            case 58 -> {
                IcmpV6Message m = ip.icmpv6();
                sb.append(" t").append(m.type()).append(" c").append(m.code()).append(" ck").append(m.checksum());
            }
            default -> throw new AssertionError("unexpected protocol " + ip.protocol());
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "ICMP", "TCP"})
    void everyProbeOfAFlowHashesTheSameAcrossTtlsAndIdsOnIpv4AndIpv6(String proto) throws Exception {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(ProbeProtocol.valueOf(proto), ProbeMethod.PARIS));
        for (boolean v6 : new boolean[] {false, true}) {
            InetAddress src = v6 ? SRC6 : SRC4;
            InetAddress dst = v6 ? DST6 : DST4;
            Set<String> flow0 = new HashSet<>();
            Set<String> flow1 = new HashSet<>();
            Set<Integer> keys = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                CraftedProbe p0 = s.craft(spec(src, dst, 1 + i % 30, 0, 1 + i, i));
                CraftedProbe p1 = s.craft(spec(src, dst, 1 + i % 30, 1, 1000 + i, i));
                flow0.add(flowTuple(p0.packet()));
                flow1.add(flowTuple(p1.packet()));
                keys.add(p0.key());
            }
            assertThat(flow0).as("flow 0 over %s", v6 ? "IPv6" : "IPv4").hasSize(1);
            assertThat(flow1).hasSize(1);
            assertThat(flow0).doesNotContainAnyElementsOf(flow1);
            assertThat(keys).as("every probe has its own identity").hasSize(300);
        }
    }

    @Test
    void udpIdentityIsTheChecksumAndTheIpIdAndThePacketIsValid() throws Exception {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(ProbeProtocol.UDP, ProbeMethod.PARIS));
        for (int id : new int[] {1, 2, 0x1234, 0x8000, 0xFFFE}) {
            CraftedProbe p = s.craft(spec(SRC4, DST4, 5, 3, id, 0));
            Ipv4Packet ip = (Ipv4Packet) IpPacket.parse(p.packet());
            UdpDatagram udp = ip.udp();
            assertThat(udp.checksum()).isEqualTo(id);
            assertThat(udp.checksumValid(SRC4, DST4)).isTrue();
            assertThat(ip.identification()).isEqualTo(id);
            assertThat(ip.headerChecksumValid()).isTrue();
            assertThat(ip.ttl()).isEqualTo(5);
            assertThat(ip.totalLength()).isEqualTo(60).isEqualTo(p.packet().length);
            assertThat(p.key()).isEqualTo(id);
        }
        CraftedProbe v6 = s.craft(spec(SRC6, DST6, 7, 0, 0x4321, 0));
        UdpDatagram udp6 = IpPacket.parse(v6.packet()).udp();
        assertThat(udp6.checksum()).isEqualTo(0x4321);
        assertThat(udp6.checksumValid(SRC6, DST6)).isTrue();
        assertThat(v6.packet()).hasSize(80);
    }

    @Test
    void icmpChecksumIsConstantPerFlowAndValidWhileTheSequenceCarriesTheId() throws Exception {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(ProbeProtocol.ICMP, ProbeMethod.PARIS));
        Set<Integer> checksums = new HashSet<>();
        for (int id = 1; id < 2000; id += 7) {
            CraftedProbe p = s.craft(spec(SRC4, DST4, 3, 2, id, 0));
            IcmpV4Message m = IpPacket.parse(p.packet()).icmpv4();
            assertThat(m.checksumValid()).isTrue();
            assertThat(m.sequence()).isEqualTo(id);
            checksums.add(m.checksum());
            CraftedProbe p6 = s.craft(spec(SRC6, DST6, 3, 2, id, 0));
            assertThat(IpPacket.parse(p6.packet()).icmpv6().checksumValid(SRC6, DST6)).isTrue();
        }
        assertThat(checksums).hasSize(1);
    }

    @Test
    void tcpSynCarriesTheIdInTheLowSequenceBitsWithFixedPorts() throws Exception {
        TraceSettings st = settings(ProbeProtocol.TCP, ProbeMethod.PARIS);
        ProbeStrategy s = ProbeStrategies.forSettings(st);
        CraftedProbe p = s.craft(spec(SRC4, DST4, 9, 0, 0xBEEF, 17));
        TcpSegment tcp = IpPacket.parse(p.packet()).tcp();
        assertThat(tcp.isSyn()).isTrue();
        assertThat(tcp.isAck()).isFalse();
        assertThat(tcp.sequenceNumber() & 0xFFFF).isEqualTo(0xBEEF);
        assertThat(tcp.destinationPort()).isEqualTo(80);
        assertThat(tcp.sourcePort()).isEqualTo(st.sourcePort());
        assertThat(p.key()).isEqualTo(0xBEEF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "ICMP", "TCP"})
    void classicProbesChangeTheFlowWithEveryProbe(String proto) throws Exception {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(ProbeProtocol.valueOf(proto), ProbeMethod.CLASSIC));
        Set<String> tuples = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            tuples.add(flowTuple(s.craft(spec(SRC4, DST4, 4, 0, 1 + i, i)).packet()));
        }
        assertThat(tuples).hasSize(20);
    }

    @Test
    void packetLengthOptionSetsTheTotalLengthButNeverBelowTheMinimum() throws Exception {
        TraceSettings big = TraceSettings.builder("x").packetLength(1000).build();
        assertThat(ProbeStrategies.forSettings(big).craft(spec(SRC4, DST4, 1, 0, 1, 0)).packet()).hasSize(1000);
        TraceSettings tiny = TraceSettings.builder("x").packetLength(5).build();
        byte[] p = ProbeStrategies.forSettings(tiny).craft(spec(SRC4, DST4, 1, 0, 1, 0)).packet();
        assertThat(p).hasSize(30);
        assertThat(IpPacket.parse(p).udp().checksumValid(SRC4, DST4)).isTrue();
    }

    @Test
    void tosAndFlowLabelAreCarried() throws Exception {
        TraceSettings st = TraceSettings.builder("x").tos(0x28).flowLabel(0xABCDE).build();
        ProbeStrategy s = ProbeStrategies.forSettings(st);
        assertThat(IpPacket.parse(s.craft(spec(SRC4, DST4, 1, 0, 1, 0)).packet()).trafficClass()).isEqualTo(0x28);
        Ipv6Packet v6 = (Ipv6Packet) IpPacket.parse(s.craft(spec(SRC6, DST6, 1, 0, 1, 0)).packet());
        assertThat(v6.flowLabel()).isEqualTo(0xABCDE);
        assertThat(v6.trafficClass()).isEqualTo(0x28);
        assertThat(List.of(v6.ttl())).containsExactly(1);
    }
}
