package org.hopscope.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hopscope.engine.sim.Checks.assertValid;
import static org.hopscope.engine.sim.SimTestSupport.ME4;
import static org.hopscope.engine.sim.SimTestSupport.ME6;
import static org.hopscope.engine.sim.SimTestSupport.answer;
import static org.hopscope.engine.sim.SimTestSupport.echo;
import static org.hopscope.engine.sim.SimTestSupport.ip;
import static org.hopscope.engine.sim.SimTestSupport.parse;
import static org.hopscope.engine.sim.SimTestSupport.syn;
import static org.hopscope.engine.sim.SimTestSupport.udp;

import java.net.InetAddress;
import java.util.Arrays;
import org.hopscope.engine.packet.IcmpV4Message;
import org.hopscope.engine.packet.IcmpV4Type;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.Ipv4Packet;
import org.hopscope.engine.packet.UdpBuilder;
import org.hopscope.engine.packet.UdpDatagram;
import org.junit.jupiter.api.Test;

/** Source NAT on the way out, translation of answers and ICMP errors on the way back. */
class NatTest {
    static final InetAddress H = ip("198.18.9.9");
    static final InetAddress PUBLIC = ip("198.18.100.1");

    private static SimulatedTransport nat(String options) {
        return new SimulatedTransport(SimTestSupport.topo("""
                source me 198.18.0.2 2001:db8::2
                router gw 198.18.0.1 2001:db8::1 quote=full nat=198.18.100.1 %s
                router isp 198.18.1.1 2001:db8:1::1 quote=full
                host h 198.18.9.9 2001:db8:9::9 tcp=80
                link me gw 1ms
                link gw isp 1ms
                link isp h 1ms
                """.formatted(options)), SimulatedTransport.Clock.VIRTUAL);
    }

    /** The UDP checksum the probe carries once translated to {@code src}:{@code sport}, computed from scratch. */
    private static int translatedChecksum(byte[] probe, InetAddress src, int sport) throws Exception {
        IpPacket p = parse(probe);
        UdpDatagram u = p.udp();
        byte[] d = new UdpBuilder().sourcePort(sport).destinationPort(u.destinationPort()).payload(u.payload())
                .build(src, p.destination());
        return UdpDatagram.parse(d).checksum();
    }

    private static byte[] received(byte[] probe, int ttl) {
        byte[] p = probe.clone();
        Wire.setTtl(p, ttl);
        return p;
    }

    @Test
    void fullFixupRestoresTheQuotedProbeExactly() throws Exception {
        for (String opts : new String[] {"", "nat-ports=20000"}) {
            SimulatedTransport t = nat(opts);
            byte[] probe = udp(H, 2, 33456, 33457, 0, 24);
            IpPacket r = answer(t, probe);
            assertValid(r);
            assertThat(r.source()).isEqualTo(ip("198.18.1.1"));
            assertThat(r.destination()).as(opts).isEqualTo(ME4);
            IcmpV4Message m = r.icmpv4();
            assertThat(m.quotedBytes()).as("quote identical to what we sent, TTL aside (%s)", opts)
                    .isEqualTo(received(probe, 1));
        }
    }

    @Test
    void addressFixupLeavesTheTranslatedTransportChecksum() throws Exception {
        SimulatedTransport t = nat("nat-ports=20000 nat-fixup=addresses");
        byte[] probe = udp(H, 2, 33456, 33457, 0, 24);
        IpPacket r = answer(t, probe);
        assertValid(r);
        IcmpV4Message m = r.icmpv4();
        Ipv4Packet q = (Ipv4Packet) m.quotedPacket();
        assertThat(q.source()).isEqualTo(ME4);
        assertThat(q.headerChecksumValid()).isTrue();
        assertThat(q.identification()).isEqualTo(0x1234);
        assertThat(q.udp().sourcePort()).isEqualTo(33456);
        int sent = parse(probe).udp().checksum();
        assertThat(q.udp().checksum()).isNotEqualTo(sent)
                .isEqualTo(translatedChecksum(probe, PUBLIC, 20000));
        assertThat(Arrays.copyOfRange(m.quotedBytes(), 28, m.quotedBytes().length))
                .as("payload untouched").isEqualTo(Arrays.copyOfRange(probe, 28, probe.length));
    }

    @Test
    void brokenNatTranslatesOnlyTheOuterDestination() throws Exception {
        SimulatedTransport t = nat("nat-ports=20000 nat-broken");
        byte[] probe = udp(H, 2, 33456, 33457, 0, 24);
        IpPacket r = answer(t, probe);
        assertValid(r);
        assertThat(r.destination()).isEqualTo(ME4);
        Ipv4Packet q = (Ipv4Packet) r.icmpv4().quotedPacket();
        assertThat(q.source()).as("the NAT's public address stays in the quote").isEqualTo(PUBLIC);
        assertThat(q.headerChecksumValid()).isTrue();
        assertThat(q.identification()).as("the IP ID survives").isEqualTo(0x1234);
        assertThat(q.udp().sourcePort()).isEqualTo(20000);
        assertThat(q.udp().checksum()).isEqualTo(translatedChecksum(probe, PUBLIC, 20000));

        IcmpV4Message fromHost = answer(t, udp(H, 9, 33456, 33457)).icmpv4();
        assertThat(fromHost.code()).isEqualTo(IcmpV4Type.CODE_PORT_UNREACHABLE);
        assertThat(fromHost.quotedPacket().source()).isEqualTo(PUBLIC);
    }

    @Test
    void portsAreMappedPerFlowAndKept() throws Exception {
        SimulatedTransport t = nat("nat-ports=20000 nat-broken");
        int a = answer(t, udp(H, 2, 1111, 33457)).icmpv4().quotedPacket().udp().sourcePort();
        int b = answer(t, udp(H, 2, 2222, 33457)).icmpv4().quotedPacket().udp().sourcePort();
        int a2 = answer(t, udp(H, 3, 1111, 33457)).icmpv4().quotedPacket().udp().sourcePort();
        assertThat(a).isEqualTo(20000);
        assertThat(b).isEqualTo(20001);
        assertThat(a2).isEqualTo(a);
        assertThat(answer(t, udp(H, 2, 3333, 1)).icmpv4().quotedPacket().udp().sourcePort()).isEqualTo(20002);

        SimulatedTransport keep = nat("nat-broken");
        assertThat(answer(keep, udp(H, 2, 1111, 33457)).icmpv4().quotedPacket().udp().sourcePort()).isEqualTo(1111);
    }

    @Test
    void destinationAnswersAreTranslatedBack() throws Exception {
        SimulatedTransport t = nat("nat-ports=20000");
        IpPacket er = answer(t, echo(H, 9, 0x7777, 3));
        assertValid(er);
        assertThat(er.destination()).isEqualTo(ME4);
        assertThat(er.icmpv4().identifier()).as("ICMP id mapped out and back").isEqualTo(0x7777);
        assertThat(er.icmpv4().sequence()).isEqualTo(3);

        IpPacket sa = answer(t, syn(H, 9, 40000, 80, 100));
        assertValid(sa);
        assertThat(sa.destination()).isEqualTo(ME4);
        assertThat(sa.tcp().destinationPort()).isEqualTo(40000);
        assertThat(sa.tcp().acknowledgementNumber()).isEqualTo(101);

        IcmpV4Message te = answer(t, echo(H, 2, 0x7777, 4)).icmpv4();
        assertThat(te.quotedPacket().icmpv4().identifier()).isEqualTo(0x7777);
        assertThat(te.quotedPacket().icmpv4().checksumValid()).as("quoted echo is whole here").isTrue();
    }

    @Test
    void theNatsOwnAnswerIsNotTranslatedAndIpv6PassesAsIs() throws Exception {
        SimulatedTransport t = nat("nat-broken");
        IpPacket own = answer(t, udp(H, 1, 1, 2));
        assertThat(own.source()).isEqualTo(ip("198.18.0.1"));
        assertThat(own.icmpv4().quotedPacket().source()).isEqualTo(ME4);
        IpPacket v6 = answer(t, udp(ip("2001:db8:9::9"), 2, 1, 2));
        assertValid(v6);
        assertThat(v6.icmpv6().quotedPacket().source()).isEqualTo(ME6);
    }

    @Test
    void chainedNatsLeaveTheCgnsChecksumChangeVisible() throws Exception {
        SimulatedTransport t = new SimulatedTransport(Topology.builtIn("nat"), SimulatedTransport.Clock.VIRTUAL);
        InetAddress dst = ip("198.18.5.10");
        byte[] probe = udp(dst, 3, 33456, 33457);
        int sent = parse(probe).udp().checksum();
        Ipv4Packet atCgn = (Ipv4Packet) answer(t, probe).icmpv4().quotedPacket();
        assertThat(atCgn.udp().checksum()).as("home NAT: full fix-up").isEqualTo(sent);
        IpPacket r = answer(t, udp(dst, 4, 33456, 33457));
        assertValid(r);
        Ipv4Packet q = (Ipv4Packet) r.icmpv4().quotedPacket();
        assertThat(q.source()).isEqualTo(ME4);
        assertThat(q.udp().sourcePort()).isEqualTo(33456);
        assertThat(q.udp().checksum()).as("CGN: checksum not fixed").isNotEqualTo(sent);
        assertThat(q.identification()).isEqualTo(0x1234);
        assertThat(answer(t, echo(dst, 30, 9, 9)).destination()).isEqualTo(ME4);
    }
}
