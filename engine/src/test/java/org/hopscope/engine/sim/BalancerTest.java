package org.hopscope.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hopscope.engine.sim.SimTestSupport.answer;
import static org.hopscope.engine.sim.SimTestSupport.echo;
import static org.hopscope.engine.sim.SimTestSupport.ip;
import static org.hopscope.engine.sim.SimTestSupport.udp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hopscope.engine.packet.IcmpV6Builder;
import org.hopscope.engine.packet.IcmpV6Type;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv6Builder;
import org.junit.jupiter.api.Test;

/** Per-flow hashing and per-packet balancing. */
class BalancerTest {
    static final InetAddress H = ip("198.18.9.9");
    static final InetAddress H6 = ip("2001:db8:9::9");
    static final InetAddress A = ip("198.18.2.1");
    static final InetAddress B = ip("198.18.2.2");
    static final InetAddress C = ip("198.18.2.3");

    private static Topology lb(String options) {
        return SimTestSupport.topo("""
                source me 198.18.0.2 2001:db8::2
                router lb 198.18.1.1 2001:db8:1::1 %s
                router a 198.18.2.1 2001:db8:2::1
                router b 198.18.2.2 2001:db8:2::2
                router c 198.18.2.3 2001:db8:2::3
                host h 198.18.9.9 2001:db8:9::9
                link me lb 1ms
                link lb a 1ms
                link lb b 1ms
                link lb c 1ms
                link a h 1ms
                link b h 1ms
                link c h 1ms
                """.formatted(options));
    }

    private static InetAddress hop2(SimulatedTransport t, byte[] probe) {
        return answer(t, probe).source();
    }

    @Test
    void sameFlowSameBranchWhateverChangesOutsideTheFlow() {
        Topology topo = lb("");
        for (int sport = 1000; sport < 1100; sport++) {
            byte[] base = udp(H, 2, sport, 33457, 0, 12);
            InetAddress expected = topo.truePath(base).get(1);
            SimulatedTransport t = new SimulatedTransport(topo, SimulatedTransport.Clock.VIRTUAL);
            // TTL, payload (so the UDP checksum) and the IP ID are not hashed.
            assertThat(hop2(t, udp(H, 2, sport, 33457, 0, 40))).isEqualTo(expected);
            byte[] otherId = base.clone();
            otherId[4] = 0x55;
            Wire.refreshV4HeaderChecksum(otherId, 0);
            assertThat(hop2(t, otherId)).isEqualTo(expected);
            assertThat(topo.truePath(udp(H, 9, sport, 33457, 0, 30)).get(1)).isEqualTo(expected);
        }
    }

    @Test
    void differentFlowsSpreadOverAllBranches() {
        for (long seed : new long[] {1, 2, 3, 42}) {
            Topology topo = lb("").withSeed(seed);
            Map<InetAddress, Integer> count = new HashMap<>();
            for (int sport = 0; sport < 3000; sport++) {
                count.merge(topo.truePath(udp(H, 2, 10000 + sport, 33457)).get(1), 1, Integer::sum);
            }
            assertThat(count).containsOnlyKeys(A, B, C);
            assertThat(count.values()).as("seed %d: %s", seed, count).allMatch(n -> n > 850 && n < 1150);
        }
    }

    @Test
    void seedsChangeTheAssignment() {
        List<InetAddress> one = new ArrayList<>();
        List<InetAddress> two = new ArrayList<>();
        for (int sport = 0; sport < 200; sport++) {
            one.add(lb("").truePath(udp(H, 2, sport + 1, 33457)).get(1));
            two.add(lb("").withSeed(2).truePath(udp(H, 2, sport + 1, 33457)).get(1));
        }
        int differ = 0;
        for (int i = 0; i < one.size(); i++) {
            differ += one.get(i).equals(two.get(i)) ? 0 : 1;
        }
        assertThat(differ).as("about 2/3 of flows should move").isBetween(100, 170);
        List<InetAddress> pinned = new ArrayList<>();
        for (int sport = 0; sport < 200; sport++) {
            pinned.add(lb("lb-seed=5").withSeed(99).truePath(udp(H, 2, sport + 1, 33457)).get(1));
        }
        List<InetAddress> pinned2 = new ArrayList<>();
        for (int sport = 0; sport < 200; sport++) {
            pinned2.add(lb("lb-seed=5").truePath(udp(H, 2, sport + 1, 33457)).get(1));
        }
        assertThat(pinned).as("an explicit lb-seed ignores the topology seed").isEqualTo(pinned2);
    }

    /** How many distinct branches 60 probes that differ only in {@code vary} reach. */
    private static int branches(Topology topo, java.util.function.IntFunction<byte[]> vary) {
        java.util.Set<InetAddress> seen = new java.util.HashSet<>();
        for (int i = 0; i < 60; i++) {
            seen.add(topo.truePath(vary.apply(i)).get(1));
        }
        return seen.size();
    }

    @Test
    void hashFieldsDecideWhatMovesAFlow() {
        Topology plain = lb("");
        Topology icmp = lb("hash=5tuple,tos,icmp");
        Topology label = lb("hash=5tuple,flowlabel");
        Topology noTos = lb("hash=5tuple");
        Topology dstOnly = lb("hash=dst");
        assertThat(branches(plain, i -> echo(H, 2, 1, i))).as("ICMP sequence not hashed by default").isEqualTo(1);
        assertThat(branches(icmp, i -> echo(H, 2, 1, i))).as("checksum varies with the sequence").isEqualTo(3);
        assertThat(branches(icmp, i -> echo(H, 2, 1, i))).isEqualTo(3);
        assertThat(branches(plain, i -> udp(H, 2, 1, 2, i << 2, 12))).as("TOS hashed by default").isEqualTo(3);
        assertThat(branches(noTos, i -> udp(H, 2, 1, 2, i << 2, 12))).isEqualTo(1);
        assertThat(branches(dstOnly, i -> udp(H, 2, i, i, 0, 12))).as("ports not hashed").isEqualTo(1);
        assertThat(branches(plain, i -> v6Echo(i))).as("flow label not hashed by default").isEqualTo(1);
        assertThat(branches(label, i -> v6Echo(i))).isEqualTo(3);
        assertThat(branches(plain, i -> udp(H6, 2, 1000 + i, 2))).isEqualTo(3);
    }

    private static byte[] v6Echo(int flowLabel) {
        InetAddress src = SimTestSupport.ME6;
        byte[] msg = new IcmpV6Builder().type(IcmpV6Type.ECHO_REQUEST).identifier(1).sequence(1).build(src, H6);
        return new Ipv6Builder().source(src).destination(H6).hopLimit(2).flowLabel(flowLabel * 977)
                .nextHeader(IpProtocol.ICMPV6).payload(msg).build();
    }

    @Test
    void roundRobinAlternatesPacketByPacket() {
        SimulatedTransport t = new SimulatedTransport(lb("lb=round-robin"), SimulatedTransport.Clock.VIRTUAL);
        List<InetAddress> seen = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seen.add(hop2(t, udp(H, 2, 1, 2)));
        }
        assertThat(seen).containsExactly(A, B, C, A, B, C, A);
        assertThat(t.truePath(udp(H, 2, 1, 2)).get(1)).as("next packet's path").isEqualTo(B);
        assertThat(t.truePath(udp(H, 2, 1, 2)).get(1)).as("truth does not advance the counter").isEqualTo(B);
        assertThat(lb("lb=round-robin").truePath(udp(H, 2, 1, 2)).get(1)).as("fresh network").isEqualTo(A);
    }

    @Test
    void randomBalancingIsSeededAndSpreads() {
        Map<InetAddress, Integer> count = new HashMap<>();
        SimulatedTransport t = new SimulatedTransport(lb("lb=random"), SimulatedTransport.Clock.VIRTUAL);
        SimulatedTransport again = new SimulatedTransport(lb("lb=random"), SimulatedTransport.Clock.VIRTUAL);
        SimulatedTransport other = new SimulatedTransport(lb("lb=random").withSeed(8), SimulatedTransport.Clock.VIRTUAL);
        List<InetAddress> first = new ArrayList<>();
        List<InetAddress> second = new ArrayList<>();
        List<InetAddress> third = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            InetAddress next = t.truePath(udp(H, 2, 1, 2)).get(1);
            InetAddress a = hop2(t, udp(H, 2, 1, 2));
            assertThat(a).as("truth predicts the next random draw").isEqualTo(next);
            first.add(a);
            second.add(hop2(again, udp(H, 2, 1, 2)));
            third.add(hop2(other, udp(H, 2, 1, 2)));
            count.merge(a, 1, Integer::sum);
        }
        assertThat(first).isEqualTo(second).isNotEqualTo(third);
        assertThat(count.values()).as("%s", count).allMatch(n -> n > 150 && n < 250);
    }

    @Test
    void flowHashIsAPureFunctionOfSeedFieldsAndPacket() {
        byte[] p = udp(H, 2, 1, 2);
        Node.Balancer b = Node.Balancer.DEFAULT;
        assertThat(Simulator.flowHash(1, b, p)).isEqualTo(Simulator.flowHash(1, b, p.clone()));
        assertThat(Simulator.flowHash(1, b, p)).isNotEqualTo(Simulator.flowHash(2, b, p));
        assertThat(Simulator.flowHash(1, b, p)).isNotEqualTo(Simulator.flowHash(1, b, udp(H, 2, 2, 1)));
    }
}
