package org.hopscope.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hopscope.engine.sim.Checks.assertValid;
import static org.hopscope.engine.sim.SimTestSupport.answer;
import static org.hopscope.engine.sim.SimTestSupport.echo;
import static org.hopscope.engine.sim.SimTestSupport.exchange;
import static org.hopscope.engine.sim.SimTestSupport.ip;
import static org.hopscope.engine.sim.SimTestSupport.syn;
import static org.hopscope.engine.sim.SimTestSupport.udp;

import java.net.InetAddress;
import java.util.List;
import org.hopscope.engine.packet.IcmpExtensionObject;
import org.hopscope.engine.packet.IcmpExtensions;
import org.hopscope.engine.packet.IcmpV4Message;
import org.hopscope.engine.packet.IcmpV4Type;
import org.hopscope.engine.packet.IcmpV6Message;
import org.hopscope.engine.packet.IcmpV6Type;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.MplsLabel;
import org.junit.jupiter.api.Test;

/** MPLS tunnels, TTL-0 forwarding, unreachables and firewalls. */
class TunnelsAndQuirksTest {
    static final InetAddress EXPLICIT = ip("198.18.11.10");
    static final InetAddress IMPLICIT = ip("198.18.21.10");
    static final InetAddress OPAQUE = ip("198.18.31.10");
    static final InetAddress INVISIBLE = ip("198.18.41.10");

    private static SimulatedTransport mpls() {
        return new SimulatedTransport(Topology.builtIn("mpls"), SimulatedTransport.Clock.VIRTUAL);
    }

    private static MplsLabel onlyLabel(IcmpExtensions ext) {
        assertThat(ext.checksumValid()).isTrue();
        assertThat(ext.rfc4884Compliant()).isTrue();
        assertThat(ext.objects()).hasSize(1);
        IcmpExtensionObject.MplsLabelStack stack = (IcmpExtensionObject.MplsLabelStack) ext.objects().get(0);
        assertThat(stack.entries()).hasSize(1);
        return stack.entries().get(0);
    }

    @Test
    void explicitTunnelLsrsAttachRfc4950LabelStacksAndQuoteGrowingTtls() throws Exception {
        SimulatedTransport t = mpls();
        int[] labels = {24001, 24017, 24033};
        for (int i = 0; i < 3; i++) {
            IpPacket r = answer(t, udp(EXPLICIT, 4 + i, 33456, 33457));
            assertValid(r);
            assertThat(r.source()).isEqualTo(ip("198.18.10." + (5 + 4 * i)));
            IcmpV4Message m = r.icmpv4();
            assertThat(m.type()).isEqualTo(IcmpV4Type.TIME_EXCEEDED);
            assertThat(m.rfc4884Length()).as("128-octet original datagram, in 32-bit words").isEqualTo(32);
            assertThat(m.quotedPacket().ttl()).as("the IP TTL is not decremented inside the tunnel").isEqualTo(1 + i);
            assertThat(m.quotedPacket().udp().destinationPort()).isEqualTo(33457);
            MplsLabel l = onlyLabel(m.extensions().orElseThrow());
            assertThat(l.label()).isEqualTo(labels[i]);
            assertThat(l.ttl()).isEqualTo(1);
            assertThat(l.bottomOfStack()).isTrue();
            assertThat(l.trafficClass()).isZero();
        }
        IcmpV4Message egress = answer(t, udp(EXPLICIT, 7, 33456, 33457)).icmpv4();
        assertThat(egress.quotedPacket().ttl()).as("the egress copies the label TTL back").isEqualTo(1);
        assertThat(egress.extensions()).isEmpty();
        IpPacket dst = answer(t, udp(EXPLICIT, 8, 33456, 33457));
        assertThat(dst.source()).isEqualTo(EXPLICIT);
        assertThat(dst.ttl()).as("LSRs decrement replies like routers").isEqualTo(64 - 7);
    }

    @Test
    void explicitTunnelOverIpv6UsesIcmpv6Extensions() throws Exception {
        SimulatedTransport t = mpls();
        IpPacket r = answer(t, udp(ip("2001:db8:11::10"), 5, 33456, 33457));
        assertValid(r);
        IcmpV6Message m = r.icmpv6();
        assertThat(m.type()).isEqualTo(IcmpV6Type.TIME_EXCEEDED);
        assertThat(m.rfc4884Length()).as("128 octets in 64-bit words").isEqualTo(16);
        assertThat(m.quotedPacket().ttl()).isEqualTo(2);
        assertThat(onlyLabel(m.extensions().orElseThrow()).label()).isEqualTo(24017);
    }

    @Test
    void implicitTunnelShowsOnlyThroughQuotedTtls() throws Exception {
        SimulatedTransport t = mpls();
        for (int i = 0; i < 2; i++) {
            IcmpV4Message m = answer(t, udp(IMPLICIT, 4 + i, 1, 2)).icmpv4();
            assertThat(m.extensions()).isEmpty();
            assertThat(m.rfc4884Length()).isZero();
            assertThat(m.quotedPacket().ttl()).isEqualTo(1 + i);
        }
        assertThat(answer(t, udp(IMPLICIT, 6, 1, 2)).source()).isEqualTo(ip("198.18.20.13"));
    }

    @Test
    void opaqueTunnelHidesLsrsAndTheEgressShowsTheLabelItReceived() throws Exception {
        SimulatedTransport t = mpls();
        assertThat(answer(t, udp(OPAQUE, 3, 1, 2)).source()).isEqualTo(ip("198.18.30.1"));
        IpPacket r = answer(t, udp(OPAQUE, 4, 1, 2));
        assertValid(r);
        assertThat(r.source()).as("LSRs hidden: the egress is the next hop").isEqualTo(ip("198.18.30.13"));
        assertThat(r.ttl()).as("hidden LSRs do not decrement the reply either").isEqualTo(255 - 3);
        IcmpV4Message m = r.icmpv4();
        assertThat(m.quotedPacket().ttl()).isEqualTo(1);
        MplsLabel l = onlyLabel(m.extensions().orElseThrow());
        assertThat(l.label()).isEqualTo(26033);
        assertThat(l.ttl()).as("255 minus two LSRs").isEqualTo(253);
        assertThat(answer(t, udp(OPAQUE, 5, 1, 2)).source()).isEqualTo(OPAQUE);
    }

    @Test
    void invisibleTunnelHidesLsrsWithoutATrace() throws Exception {
        SimulatedTransport t = mpls();
        IcmpV4Message m = answer(t, udp(INVISIBLE, 4, 1, 2)).icmpv4();
        assertThat(m.extensions()).isEmpty();
        assertThat(m.quotedPacket().ttl()).isEqualTo(1);
        assertThat(answer(t, udp(INVISIBLE, 4, 1, 2)).source()).isEqualTo(ip("198.18.40.13"));
        assertThat(Topology.builtIn("mpls").truePath(udp(INVISIBLE, 1, 1, 2))).hasSize(5);
    }

    @Test
    void zeroTtlForwarderMakesTheNextRouterQuoteTtlZero() throws Exception {
        SimulatedTransport t = new SimulatedTransport(Topology.builtIn("zero-ttl"), SimulatedTransport.Clock.VIRTUAL);
        InetAddress dst = ip("198.18.5.10");
        IpPacket at3 = answer(t, udp(dst, 3, 1, 2));
        assertValid(at3);
        assertThat(at3.source()).isEqualTo(ip("198.18.3.1"));
        assertThat(at3.icmpv4().quotedPacket().ttl()).isZero();
        IpPacket at4 = answer(t, udp(dst, 4, 1, 2));
        assertThat(at4.source()).isEqualTo(ip("198.18.3.1"));
        assertThat(at4.icmpv4().quotedPacket().ttl()).isEqualTo(1);
        IpPacket v6 = answer(t, udp(ip("2001:db8:5::10"), 3, 1, 2));
        assertThat(v6.icmpv6().quotedPacket().ttl()).isZero();
        for (int ttl = 1; ttl <= 6; ttl++) {
            assertThat(answer(t, udp(dst, ttl, 1, 2)).source()).isNotEqualTo(ip("198.18.2.1"));
        }
    }

    static final String FILTERS = """
            source me 198.18.0.2 2001:db8::2
            router r1 198.18.1.1 2001:db8:1::1
            router nonet 198.18.2.1 2001:db8:2::1 unreachable=net
            router fw 198.18.3.1 2001:db8:3::1 unreachable=admin:udp drop=tcp
            router hostless 198.18.4.1 2001:db8:4::1 unreachable=host
            host a 198.18.9.1 2001:db8:9::1
            host b 198.18.9.2 2001:db8:9::2
            host c 198.18.9.3 2001:db8:9::3
            host d 198.18.9.4 2001:db8:9::4 unreachable=host-admin:udp drop=icmp
            link me r1 1ms
            link r1 nonet 1ms
            link nonet a 1ms
            link r1 fw 1ms
            link fw b 1ms
            link r1 hostless 1ms
            link hostless c 1ms
            link r1 d 1ms
            """;

    @Test
    void routingFailuresAnswerUnreachableWhateverTheTtl() throws Exception {
        SimulatedTransport t = new SimulatedTransport(SimTestSupport.topo(FILTERS), SimulatedTransport.Clock.VIRTUAL);
        for (int ttl : new int[] {2, 3, 30}) {
            IpPacket r = answer(t, udp(ip("198.18.9.1"), ttl, 1, 2));
            assertValid(r);
            assertThat(r.source()).isEqualTo(ip("198.18.2.1"));
            assertThat(r.icmpv4().type()).isEqualTo(IcmpV4Type.DEST_UNREACHABLE);
            assertThat(r.icmpv4().code()).as("!N").isEqualTo(IcmpV4Type.CODE_NET_UNREACHABLE);
        }
        assertThat(answer(t, echo(ip("198.18.9.3"), 2, 1, 1)).icmpv4().code()).as("!H")
                .isEqualTo(IcmpV4Type.CODE_HOST_UNREACHABLE);
        IcmpV6Message m6 = answer(t, udp(ip("2001:db8:9::1"), 5, 1, 2)).icmpv6();
        assertThat(m6.type()).isEqualTo(IcmpV6Type.DEST_UNREACHABLE);
        assertThat(m6.code()).isEqualTo(IcmpV6Type.CODE_NO_ROUTE);
        assertThat(answer(t, udp(ip("2001:db8:9::3"), 5, 1, 2)).icmpv6().code())
                .isEqualTo(IcmpV6Type.CODE_ADDRESS_UNREACHABLE);
    }

    @Test
    void firewallRulesApplyAfterTheTtlCheckAndPerProtocol() throws Exception {
        SimulatedTransport t = new SimulatedTransport(SimTestSupport.topo(FILTERS), SimulatedTransport.Clock.VIRTUAL);
        InetAddress b = ip("198.18.9.2");
        assertThat(answer(t, udp(b, 2, 1, 2)).icmpv4().type()).as("the firewall's own hop")
                .isEqualTo(IcmpV4Type.TIME_EXCEEDED);
        IcmpV4Message x = answer(t, udp(b, 3, 1, 2)).icmpv4();
        assertThat(x.type()).isEqualTo(IcmpV4Type.DEST_UNREACHABLE);
        assertThat(x.code()).as("!X").isEqualTo(IcmpV4Type.CODE_COMMUNICATION_PROHIBITED);
        assertThat(answer(t, udp(ip("2001:db8:9::2"), 3, 1, 2)).icmpv6().code())
                .isEqualTo(IcmpV6Type.CODE_ADMINISTRATIVELY_PROHIBITED);
        assertThat(answer(t, syn(b, 2, 1, 80, 1)).icmpv4().type()).isEqualTo(IcmpV4Type.TIME_EXCEEDED);
        assertThat(exchange(t, syn(b, 3, 1, 80, 1))).as("TCP dropped beyond the firewall").isEmpty();
        assertThat(answer(t, echo(b, 3, 1, 1)).icmpv4().type()).as("ICMP passes").isEqualTo(IcmpV4Type.ECHO_REPLY);

        InetAddress d = ip("198.18.9.4");
        IcmpV4Message hx = answer(t, udp(d, 5, 1, 2)).icmpv4();
        assertThat(hx.code()).as("host firewall reject").isEqualTo(IcmpV4Type.CODE_HOST_PROHIBITED);
        assertThat(answer(t, udp(d, 5, 1, 2)).source()).isEqualTo(d);
        assertThat(exchange(t, echo(d, 5, 1, 1))).isEmpty();
        assertThat(answer(t, syn(d, 5, 1, 80, 1)).tcp().isRst()).isTrue();
    }

    @Test
    void silentRoutersForwardButNeverAnswer() {
        Topology topo = SimTestSupport.topo("""
                source me 198.18.0.2
                router r1 198.18.1.1
                router quiet 198.18.2.1 silent
                host h 198.18.9.9
                link me r1 1ms
                link r1 quiet 1ms
                link quiet h 1ms
                """);
        SimulatedTransport t = new SimulatedTransport(topo, SimulatedTransport.Clock.VIRTUAL);
        assertThat(exchange(t, udp(ip("198.18.9.9"), 2, 1, 2))).isEmpty();
        assertThat(answer(t, udp(ip("198.18.9.9"), 3, 1, 2)).ttl()).isEqualTo(64 - 2);
        assertThat(exchange(t, echo(ip("198.18.2.1"), 9, 1, 1))).as("no echo reply either").isEmpty();
        List<TrueHop> hops = topo.trueHops(udp(ip("198.18.9.9"), 1, 1, 2));
        assertThat(hops.get(1).answers()).isFalse();
        assertThat(hops.get(1).node().name()).isEqualTo("quiet");
        assertThat(topo.truePath(udp(ip("198.18.9.9"), 1, 1, 2))).containsExactly(ip("198.18.1.1"), null,
                ip("198.18.9.9"));
    }
}
