package org.hopscope.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hopscope.engine.sim.Checks.assertValid;
import static org.hopscope.engine.sim.SimTestSupport.ME4;
import static org.hopscope.engine.sim.SimTestSupport.ME6;
import static org.hopscope.engine.sim.SimTestSupport.answer;
import static org.hopscope.engine.sim.SimTestSupport.echo;
import static org.hopscope.engine.sim.SimTestSupport.exchange;
import static org.hopscope.engine.sim.SimTestSupport.ip;
import static org.hopscope.engine.sim.SimTestSupport.parse;
import static org.hopscope.engine.sim.SimTestSupport.syn;
import static org.hopscope.engine.sim.SimTestSupport.udp;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.hopscope.engine.packet.IcmpV4Message;
import org.hopscope.engine.packet.IcmpV4Type;
import org.hopscope.engine.packet.IcmpV6Message;
import org.hopscope.engine.packet.IcmpV6Type;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Packet;
import org.hopscope.engine.packet.Ipv6Packet;
import org.hopscope.engine.packet.TcpSegment;
import org.hopscope.engine.transport.TransportEvent;
import org.junit.jupiter.api.Test;

/** What routers and hosts answer, decoded byte by byte with the packet views. */
class NodeRepliesTest {
    static final String NET = """
            source me 198.18.0.2 2001:db8::2
            router r1 198.18.1.1 2001:db8:1::1
            router r2 198.18.2.1 2001:db8:2::1 ttl=64 quote=full
            router r3 198.18.3.1 2001:db8:3::1 quote=60
            host   h  198.18.9.9 2001:db8:9::9 tcp=80 udp=53
            host   quiet 198.18.9.10 2001:db8:9::10 echo=no
            link me r1 1ms
            link r1 r2 2ms
            link r2 r3 3ms
            link r3 h 4ms
            link r3 quiet 4ms
            """;
    static final InetAddress H4 = ip("198.18.9.9");
    static final InetAddress H6 = ip("2001:db8:9::9");

    private static SimulatedTransport net() {
        return new SimulatedTransport(SimTestSupport.topo(NET), SimulatedTransport.Clock.VIRTUAL);
    }

    /** The probe as the router at hop {@code ttl} received it: TTL 1, checksum updated. */
    private static byte[] asReceived(byte[] probe) {
        byte[] p = probe.clone();
        Wire.setTtl(p, 1);
        return p;
    }

    @Test
    void routerAnswersTimeExceededQuotingTheProbeAsItArrived() throws Exception {
        SimulatedTransport t = net();
        byte[] probe = udp(H4, 2, 33456, 33457, 0x28, 32);
        List<TransportEvent.Received> got = exchange(t, probe);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).receivedNanos()).isEqualTo(2 * (1 + 2) * 1_000_000L);
        assertThat(got.get(0).tokenHint()).isEqualTo(1);
        Ipv4Packet r = (Ipv4Packet) parse(got.get(0).ipPacket());
        assertValid(r);
        assertThat(r.source()).isEqualTo(ip("198.18.2.1"));
        assertThat(r.destination()).isEqualTo(ME4);
        assertThat(r.ttl()).as("initial 64, one hop back").isEqualTo(63);
        assertThat(r.trafficClass()).isEqualTo(0xc0);
        IcmpV4Message m = r.icmpv4();
        assertThat(m.type()).isEqualTo(IcmpV4Type.TIME_EXCEEDED);
        assertThat(m.code()).isEqualTo(IcmpV4Type.CODE_TTL_EXCEEDED_IN_TRANSIT);
        assertThat(m.rfc4884Length()).isZero();
        assertThat(m.extensions()).isEmpty();
        // quote=full: the whole probe fits in 576 bytes, quoted as received (TTL 1, header checksum updated).
        assertThat(m.quotedBytes()).isEqualTo(asReceived(probe));
        IpPacket q = m.quotedPacket();
        assertThat(q.ttl()).isEqualTo(1);
        assertThat(((Ipv4Packet) q).headerChecksumValid()).isTrue();
        assertThat(((Ipv4Packet) q).identification()).isEqualTo(0x1234);
        assertThat(q.trafficClass()).isEqualTo(0x28);
        assertThat(q.udp().checksum()).isEqualTo(parse(probe).udp().checksum());
        assertThat(q.udp().destinationPort()).isEqualTo(33457);
    }

    @Test
    void quotePoliciesCutTheProbeAsConfigured() throws Exception {
        SimulatedTransport t = net();
        byte[] probe = udp(H4, 1, 1000, 2000, 0, 100);
        IcmpV4Message first = answer(t, probe).icmpv4();
        assertThat(first.quotedBytes()).as("RFC 792: IP header + 8 octets").hasSize(28)
                .isEqualTo(Arrays.copyOf(asReceived(probe), 28));
        assertThat(first.quotedPacket().isTruncated()).isTrue();

        Ipv4Packet third = (Ipv4Packet) answer(t, udp(H4, 3, 1000, 2000, 0, 100));
        assertValid(third);
        assertThat(third.source()).isEqualTo(ip("198.18.3.1"));
        assertThat(third.ttl()).isEqualTo(255 - 2);
        assertThat(third.icmpv4().quotedBytes()).as("quote=60").hasSize(60);

        IcmpV4Message big = answer(t, udp(H4, 2, 1000, 2000, 0, 1000)).icmpv4();
        assertThat(big.quotedBytes()).as("quote=full caps at 576 - 20 - 8").hasSize(548);
        assertThat(big.bytes().length + 20).isEqualTo(576);
    }

    @Test
    void ipv6RoutersAnswerIcmpv6TimeExceeded() throws Exception {
        SimulatedTransport t = net();
        byte[] probe = udp(H6, 3, 4000, 5000, 0, 40);
        Ipv6Packet r = (Ipv6Packet) answer(t, probe);
        assertValid(r);
        assertThat(r.source()).isEqualTo(ip("2001:db8:3::1"));
        assertThat(r.destination()).isEqualTo(ME6);
        assertThat(r.ttl()).isEqualTo(253);
        IcmpV6Message m = r.icmpv6();
        assertThat(m.type()).isEqualTo(IcmpV6Type.TIME_EXCEEDED);
        assertThat(m.code()).isEqualTo(IcmpV6Type.CODE_HOP_LIMIT_EXCEEDED);
        assertThat(m.quotedBytes()).hasSize(60).isEqualTo(Arrays.copyOf(asReceived(probe), 60));
        assertThat(m.quotedPacket().ttl()).isEqualTo(1);
        assertThat(m.quotedPacket().udp().sourcePort()).isEqualTo(4000);

        IcmpV6Message first = answer(t, udp(H6, 1, 4000, 5000, 0, 40)).icmpv6();
        assertThat(first.quotedBytes()).as("RFC 792-style for IPv6: 40 + 8").hasSize(48);
        IcmpV6Message full = answer(t, udp(H6, 2, 4000, 5000, 0, 2000)).icmpv6();
        assertThat(full.bytes().length + 40).as("as much as fits in 1280").isEqualTo(1280);
    }

    @Test
    void replyTtlsCountTheHopsBack() {
        SimulatedTransport t = net();
        int[] expected = {255, 64 - 1, 255 - 2, 64 - 3};
        for (int ttl = 1; ttl <= 4; ttl++) {
            assertThat(answer(t, udp(H4, ttl, 1, 2)).ttl()).as("v4 ttl %d", ttl).isEqualTo(expected[ttl - 1]);
            assertThat(answer(t, udp(H6, ttl, 1, 2)).ttl()).as("v6 ttl %d", ttl).isEqualTo(expected[ttl - 1]);
        }
    }

    @Test
    void hostAnswersClosedUdpPortsWithPortUnreachable() throws Exception {
        SimulatedTransport t = net();
        byte[] probe = udp(H4, 9, 33456, 33457);
        List<TransportEvent.Received> got = exchange(t, probe);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).receivedNanos()).isEqualTo(20_000_000L);
        Ipv4Packet r = (Ipv4Packet) parse(got.get(0).ipPacket());
        assertValid(r);
        assertThat(r.source()).isEqualTo(H4);
        assertThat(r.ttl()).isEqualTo(61);
        IcmpV4Message m = r.icmpv4();
        assertThat(m.type()).isEqualTo(IcmpV4Type.DEST_UNREACHABLE);
        assertThat(m.code()).isEqualTo(IcmpV4Type.CODE_PORT_UNREACHABLE);
        assertThat(m.quotedPacket().ttl()).as("9 - 3 routers").isEqualTo(6);
        assertThat(m.quotedPacket().udp().destinationPort()).isEqualTo(33457);
        assertThat(m.quotedBytes()).as("hosts quote the whole probe").hasSize(parse(probe).totalLength());

        IcmpV6Message m6 = answer(t, udp(H6, 4, 33456, 33457)).icmpv6();
        assertThat(m6.type()).isEqualTo(IcmpV6Type.DEST_UNREACHABLE);
        assertThat(m6.code()).isEqualTo(IcmpV6Type.CODE_PORT_UNREACHABLE);
        assertThat(m6.quotedPacket().ttl()).isEqualTo(1);

        assertThat(exchange(t, udp(H4, 9, 33456, 53))).as("open port: the application says nothing").isEmpty();
    }

    @Test
    void hostAnswersEchoRequests() throws Exception {
        SimulatedTransport t = net();
        IpPacket r = answer(t, echo(H4, 30, 0x4242, 7));
        assertValid(r);
        assertThat(r.source()).isEqualTo(H4);
        assertThat(r.ttl()).isEqualTo(61);
        IcmpV4Message m = r.icmpv4();
        assertThat(m.type()).isEqualTo(IcmpV4Type.ECHO_REPLY);
        assertThat(m.identifier()).isEqualTo(0x4242);
        assertThat(m.sequence()).isEqualTo(7);
        assertThat(m.payload()).isEqualTo(parse(echo(H4, 30, 0x4242, 7)).icmpv4().payload());

        IpPacket r6 = answer(t, echo(H6, 30, 0x4242, 8));
        assertValid(r6);
        assertThat(r6.icmpv6().type()).isEqualTo(IcmpV6Type.ECHO_REPLY);
        assertThat(r6.icmpv6().sequence()).isEqualTo(8);

        assertThat(exchange(t, echo(ip("198.18.9.10"), 30, 1, 1))).as("echo=no").isEmpty();
        assertThat(answer(t, echo(H4, 2, 0x4242, 9)).icmpv4().quotedPacket().icmpv4().sequence())
                .as("routers quote echo requests").isEqualTo(9);
    }

    @Test
    void hostAnswersTcpWithSynAckOrReset() throws Exception {
        SimulatedTransport t = net();
        IpPacket open = answer(t, syn(H4, 64, 40000, 80, 0x12345678L));
        assertValid(open);
        assertThat(open.ttl()).isEqualTo(61);
        TcpSegment sa = open.tcp();
        assertThat(sa.isSyn() && sa.isAck()).isTrue();
        assertThat(sa.sourcePort()).isEqualTo(80);
        assertThat(sa.destinationPort()).isEqualTo(40000);
        assertThat(sa.acknowledgementNumber()).isEqualTo(0x12345679L);

        IpPacket closed = answer(t, syn(H4, 64, 40000, 81, 0xfffffffFL));
        assertValid(closed);
        TcpSegment rst = closed.tcp();
        assertThat(rst.isRst() && rst.isAck()).isTrue();
        assertThat(rst.isSyn()).isFalse();
        assertThat(rst.sequenceNumber()).isZero();
        assertThat(rst.acknowledgementNumber()).as("wraps").isZero();

        IpPacket v6 = answer(t, syn(H6, 64, 40000, 80, 5));
        assertValid(v6);
        assertThat(v6.tcp().acknowledgementNumber()).isEqualTo(6);

        IcmpV4Message te = answer(t, syn(H4, 1, 40000, 80, 0xabcdef01L)).icmpv4();
        assertThat(te.quotedPacket().tcp().sequenceNumber()).as("8 quoted octets hold the sequence number")
                .isEqualTo(0xabcdef01L);
    }

    @Test
    void otherProtocolsGetProtocolUnreachable() throws Exception {
        SimulatedTransport t = net();
        byte[] gre = SimTestSupport.ipPacket(ME4, H4, 64, 0, 1, 47, new byte[8]);
        IcmpV4Message m = answer(t, gre).icmpv4();
        assertThat(m.type()).isEqualTo(IcmpV4Type.DEST_UNREACHABLE);
        assertThat(m.code()).isEqualTo(IcmpV4Type.CODE_PROTOCOL_UNREACHABLE);
        IpPacket r6 = answer(t, SimTestSupport.ipPacket(ME6, H6, 64, 0, 1, 47, new byte[8]));
        assertValid(r6);
        assertThat(r6.icmpv6().type()).isEqualTo(IcmpV6Type.PARAMETER_PROBLEM);
        assertThat(r6.icmpv6().pointer()).isEqualTo(6);
        assertThat(r6.protocol()).isEqualTo(IpProtocol.ICMPV6);
    }

    @Test
    void routersAreDestinationsToo() throws Exception {
        SimulatedTransport t = net();
        InetAddress r2 = ip("198.18.2.1");
        IpPacket r = answer(t, udp(r2, 30, 1, 33457));
        assertThat(r.source()).isEqualTo(r2);
        assertThat(r.icmpv4().code()).isEqualTo(IcmpV4Type.CODE_PORT_UNREACHABLE);
        assertThat(r.ttl()).isEqualTo(63);
        assertThat(answer(t, echo(r2, 30, 1, 1)).icmpv4().type()).isEqualTo(IcmpV4Type.ECHO_REPLY);
        assertThat(answer(t, syn(r2, 30, 1, 22, 1)).tcp().isRst()).isTrue();
    }
}
