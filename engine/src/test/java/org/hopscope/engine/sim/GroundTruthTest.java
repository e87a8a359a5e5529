package org.hopscope.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hopscope.engine.sim.SimTestSupport.echo;
import static org.hopscope.engine.sim.SimTestSupport.ip;
import static org.hopscope.engine.sim.SimTestSupport.udp;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroundTruthTest {
    static InetAddress[] ips(String... s) {
        InetAddress[] a = new InetAddress[s.length];
        for (int i = 0; i < s.length; i++) {
            a[i] = ip(s[i]);
        }
        return a;
    }

    @Test
    void unequalBranchesTtlByTtl() {
        Topology t = Topology.builtIn("unequal-lb");
        MultipathTruth m = t.multipathTruth(udp(ip("198.18.7.10"), 1, 1, 2));
        assertThat(m.paths()).hasSize(2);
        assertThat(m.interfacesAtTtl(3)).containsExactly(ips("198.18.2.1"));
        assertThat(m.interfacesAtTtl(4)).containsExactlyInAnyOrder(ips("198.18.3.1", "198.18.4.1"));
        assertThat(m.interfacesAtTtl(5)).containsExactlyInAnyOrder(ips("198.18.3.5", "198.18.5.1"));
        assertThat(m.interfacesAtTtl(6)).containsExactlyInAnyOrder(ips("198.18.5.1", "198.18.6.1"));
        assertThat(m.interfacesAtTtl(7)).containsExactlyInAnyOrder(ips("198.18.6.1", "198.18.7.10"));
        assertThat(m.interfacesAtTtl(8)).containsExactly(ips("198.18.7.10"));
        assertThat(m.interfacesAtTtl(9)).isEmpty();
        assertThat(m.maxTtl()).isEqualTo(8);
        assertThat(m.destinationTtls()).containsExactlyInAnyOrder(7, 8);
        assertThat(m.links()).contains(new TrueLink(4, ip("198.18.3.1"), ip("198.18.3.5")),
                new TrueLink(4, ip("198.18.4.1"), ip("198.18.5.1")),
                new TrueLink(5, ip("198.18.5.1"), ip("198.18.6.1")),
                new TrueLink(5, ip("198.18.3.5"), ip("198.18.5.1")));
        assertThat(m.links()).doesNotContain(new TrueLink(4, ip("198.18.3.1"), ip("198.18.5.1")));
        assertThat(m.links()).as("7 on the long branch, 4 more on the short one").hasSize(11);
        assertThat(t.allInterfacesAtTtl(udp(ip("198.18.7.10"), 1, 1, 2), 5)).isEqualTo(m.interfacesAtTtl(5));
        assertThat(t.allLinks()).hasSize(10);
    }

    @Test
    void multipathTruthIsTheUnionOfEveryFlowsPath() {
        Topology demo = Topology.builtIn("demo");
        InetAddress www = ip("198.18.90.80");
        MultipathTruth m = demo.multipathTruth(udp(www, 1, 1, 2));
        assertThat(m.paths()).as("core-a: 2 x 2 meshed, core-b tunnel: 2").hasSize(6);
        Map<Integer, Set<InetAddress>> seen = new HashMap<>();
        for (int flow = 0; flow < 300; flow++) {
            List<InetAddress> p = demo.truePath(udp(www, 1, 20000 + flow, 33457));
            for (int ttl = 1; ttl <= p.size(); ttl++) {
                if (p.get(ttl - 1) != null) {
                    seen.computeIfAbsent(ttl, k -> new HashSet<>()).add(p.get(ttl - 1));
                }
            }
        }
        for (int ttl = 1; ttl <= m.maxTtl(); ttl++) {
            assertThat(seen.getOrDefault(ttl, Set.of())).as("TTL %d", ttl).isEqualTo(m.interfacesAtTtl(ttl));
        }
        assertThat(m.interfacesAtTtl(5)).containsExactlyInAnyOrder(ips("198.18.20.5", "198.18.20.9", "198.18.21.5"));
        assertThat(m.interfacesAtTtl(7)).as("transit is silent").containsExactly(ips("198.18.21.13"));
        assertThat(m.destinationTtls()).containsExactlyInAnyOrder(9, 11);
    }

    @Test
    void aFlowsTruePathWalksPhysicalLinks() {
        // (Not mpls.topo nor zero-ttl.topo: hidden LSRs and the TTL-0 forwarder make hops that no wire joins.)
        for (String name : new String[] {"unequal-lb", "demo", "nat", "nat-broken"}) {
            Topology t = Topology.builtIn(name);
            for (Node host : t.nodes()) {
                if (host.kind() != Node.Kind.HOST) {
                    continue;
                }
                for (int flow = 0; flow < 100; flow++) {
                    for (byte[] probe : List.of(udp(host.ipv4(), 1, 30000 + flow, 33457),
                            echo(host.ipv6(), 1, 7, flow), SimTestSupport.syn(host.ipv4(), 1, 1000 + flow, 80, 1))) {
                        List<InetAddress> p = t.truePath(probe);
                        for (int i = 0; i + 1 < p.size(); i++) {
                            if (p.get(i) != null && p.get(i + 1) != null) {
                                assertThat(t.isLink(p.get(i), p.get(i + 1))).as("%s flow %d TTL %d: %s -> %s", name,
                                        flow, i + 1, p.get(i), p.get(i + 1)).isTrue();
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void trueHopsTellKindsAndQuotedTtls() {
        Topology mpls = Topology.builtIn("mpls");
        List<TrueHop> hops = mpls.trueHops(udp(ip("198.18.11.10"), 1, 1, 2));
        assertThat(hops).extracting(TrueHop::quotedTtl).containsExactly(1, 1, 1, 1, 2, 3, 1, 1);
        assertThat(hops).extracting(TrueHop::kind).containsExactly(TrueHop.Kind.TIME_EXCEEDED,
                TrueHop.Kind.TIME_EXCEEDED, TrueHop.Kind.TIME_EXCEEDED, TrueHop.Kind.TIME_EXCEEDED,
                TrueHop.Kind.TIME_EXCEEDED, TrueHop.Kind.TIME_EXCEEDED, TrueHop.Kind.TIME_EXCEEDED,
                TrueHop.Kind.DESTINATION);
        assertThat(hops.get(4).node().name()).isEqualTo("ex-p2");
        assertThat(hops).allMatch(TrueHop::answers);
        assertThat(hops.get(7).expired()).isFalse();
        assertThat(mpls.trueHops(echo(ip("198.18.11.10"), 1, 1, 1)).get(7).quotedTtl())
                .as("an echo reply quotes nothing").isEqualTo(-1);

        List<TrueHop> zero = Topology.builtIn("zero-ttl").trueHops(udp(ip("198.18.5.10"), 1, 1, 2));
        assertThat(zero).extracting(h -> h.node().name()).containsExactly("gw", "isp", "core", "core", "edge", "dst");
        assertThat(zero.get(2).quotedTtl()).isZero();

        List<TrueHop> opaque = mpls.trueHops(udp(ip("2001:db8:31::10"), 1, 1, 2));
        assertThat(opaque).extracting(h -> h.node().name()).containsExactly("gw", "core", "op-in", "op-out", "opaque");
        assertThat(opaque.get(3).address()).isEqualTo(ip("2001:db8:30::13"));
    }

    @Test
    void truthEndsWhereThePacketStopsExpiring() {
        Topology t = SimTestSupport.topo(TunnelsAndQuirksTest.FILTERS);
        List<TrueHop> dropped = t.trueHops(SimTestSupport.syn(ip("198.18.9.2"), 1, 1, 80, 1));
        assertThat(dropped).hasSize(3);
        assertThat(dropped.get(2).kind()).isEqualTo(TrueHop.Kind.DROPPED);
        assertThat(dropped.get(2).node().name()).isEqualTo("fw");
        assertThat(t.truePath(SimTestSupport.syn(ip("198.18.9.2"), 1, 1, 80, 1)))
                .containsExactly(ip("198.18.1.1"), ip("198.18.3.1"), null);
        List<TrueHop> unreachable = t.trueHops(udp(ip("198.18.9.1"), 1, 1, 2));
        assertThat(unreachable).hasSize(2);
        assertThat(unreachable.get(1).kind()).isEqualTo(TrueHop.Kind.UNREACHABLE);
        assertThat(unreachable.get(1).answers()).isTrue();
        List<TrueHop> open = Topology.builtIn("demo").trueHops(udp(ip("198.18.90.80"), 1, 1, 53));
        assertThat(open.get(open.size() - 1).kind()).isEqualTo(TrueHop.Kind.DESTINATION);
        assertThat(open.get(open.size() - 1).answers()).as("open UDP port: no answer").isFalse();
    }

    @Test
    void perPacketTruthCoversEveryBranch() {
        MultipathTruth m = Topology.builtIn("per-packet").multipathTruth(udp(ip("198.18.7.10"), 1, 1, 2));
        assertThat(m.paths()).hasSize(6);
        assertThat(m.interfacesAtTtl(3)).containsExactlyInAnyOrder(ips("198.18.2.1", "198.18.2.5"));
        assertThat(m.interfacesAtTtl(6)).containsExactlyInAnyOrder(ips("198.18.5.1", "198.18.5.5", "198.18.5.9"));
        assertThat(Topology.builtIn("per-packet").truePath(udp(ip("198.18.7.10"), 1, 1, 2)).get(2))
                .as("round robin, fresh network: first next hop").isEqualTo(ip("198.18.2.1"));
    }

    @Test
    void truthRejectsPacketsItCannotPlace() {
        Topology t = Topology.builtIn("unequal-lb");
        assertThatThrownBy(() -> t.truePath(udp(ip("192.0.2.1"), 1, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("192.0.2.1");
        assertThatThrownBy(() -> t.truePath(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.multipathTruth(udp(ip("198.18.0.2"), 1, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truthDoesNotDisturbARunningNetwork() {
        Topology topo = Topology.builtIn("per-packet");
        SimulatedTransport a = new SimulatedTransport(topo, SimulatedTransport.Clock.VIRTUAL);
        SimulatedTransport b = new SimulatedTransport(topo, SimulatedTransport.Clock.VIRTUAL);
        InetAddress dst = ip("198.18.7.10");
        for (int i = 0; i < 20; i++) {
            a.trueHops(udp(dst, 1, 1, 2));
            topo.multipathTruth(udp(dst, 1, 1, 2));
            assertThat(SimTestSupport.answer(a, udp(dst, 5, 1, 2)).source())
                    .isEqualTo(SimTestSupport.answer(b, udp(dst, 5, 1, 2)).source());
        }
    }
}
