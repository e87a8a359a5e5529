package org.hopscope.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hopscope.engine.sim.SimTestSupport.ip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.hopscope.engine.packet.IpProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopologyParserTest {

    private static final String BASE = """
            source me 198.18.0.2 2001:db8::2
            router r1 198.18.1.1 2001:db8:1::1
            host   h  198.18.9.9 2001:db8:9::9
            link me r1 1ms
            link r1 h 1ms
            """;

    @Test
    void parsesEveryOptionIntoTheModel() throws Exception {
        Topology t = Topology.parse("""
                # a comment line
                name   full-test        # trailing comment
                description Every option at once.
                seed   -42
                source me 198.18.0.2 2001:db8::2 lb=random lb-seed=9
                router a  198.18.1.1 2001:db8:1::1 ttl=64 quote=full silent rate=2.5/s burst=4 loss=5% \
                """.replace("\\\n", "") + """
                zero-ttl lb=per-flow hash=5tuple,icmp,flow-label lb-seed=77 nat=198.18.100.1 nat-ports=20000 nat-fixup=addresses icmp-delay=250us
                router b  2001:db8:2::2 198.18.2.2 quote=100 unreachable=admin:udp,tcp drop=icmp unreachable=net lb=round-robin
                router c  198.18.3.3 2001:db8:3::3 quote=rfc792 nat=198.18.101.1 nat-broken
                host   h  198.18.9.9 udp=53,33434-33534 tcp=all echo=no ttl=128 rate=1 unreachable=7:udp
                host   h6 2001:db8:9::6 tcp=none
                link me a 1.5ms
                link a b 20us loss=0.25 jitter=1ms
                link a c 2s
                link b h 100ns
                link c h 1ms
                link b h6 1ms
                mpls opaque a b h6
                """.replace("mpls opaque a b h6", ""), "full.topo");
        assertThat(t.name()).isEqualTo("full-test");
        assertThat(t.description()).isEqualTo("Every option at once.");
        assertThat(t.seed()).isEqualTo(-42);
        assertThat(t.origin()).isEqualTo("full.topo");
        assertThat(t.hasIpv6()).isTrue();
        assertThat(t.source().balancer()).isEqualTo(new Node.Balancer(Node.Balancer.Mode.RANDOM,
                Node.Balancer.DEFAULT_FIELDS, OptionalLong.of(9)));

        Node a = t.node("a").orElseThrow();
        assertThat(a.kind()).isEqualTo(Node.Kind.ROUTER);
        assertThat(a.ipv4()).isEqualTo(ip("198.18.1.1"));
        assertThat(a.ipv6()).isEqualTo(ip("2001:db8:1::1"));
        assertThat(a.initialTtl()).isEqualTo(64);
        assertThat(a.quote()).isEqualTo(Node.Quote.FULL);
        assertThat(a.silent()).isTrue();
        assertThat(a.rateLimit()).isEqualTo(new Node.RateLimit(2.5, 4));
        assertThat(a.loss()).isEqualTo(0.05);
        assertThat(a.zeroTtl()).isTrue();
        assertThat(a.balancer().mode()).isEqualTo(Node.Balancer.Mode.PER_FLOW);
        assertThat(a.balancer().fields()).containsExactlyInAnyOrder(Node.HashField.SRC, Node.HashField.DST,
                Node.HashField.PROTO, Node.HashField.SPORT, Node.HashField.DPORT, Node.HashField.ICMP,
                Node.HashField.FLOWLABEL);
        assertThat(a.balancer().seed()).hasValue(77);
        assertThat(a.nat()).isEqualTo(new Node.Nat((java.net.Inet4Address) ip("198.18.100.1"), 20000,
                Node.Nat.Fixup.ADDRESSES));
        assertThat(a.icmpDelayNanos()).isEqualTo(250_000);
        assertThat(a.line()).isEqualTo(6);

        Node b = t.node("b").orElseThrow();
        assertThat(b.ipv4()).isEqualTo(ip("198.18.2.2"));
        assertThat(b.initialTtl()).isEqualTo(255);
        assertThat(b.quote()).isEqualTo(new Node.Quote(Node.Quote.Mode.BYTES, 100));
        assertThat(b.rules()).hasSize(3);
        assertThat(b.rules().get(0).unreachable()).isNull();
        assertThat(b.rules().get(0).protocols()).containsExactlyInAnyOrder(IpProtocol.ICMP, IpProtocol.ICMPV6);
        assertThat(b.rules().get(1).unreachable().v4Code()).isEqualTo(13);
        assertThat(b.rules().get(1).protocols()).containsExactlyInAnyOrder(IpProtocol.UDP, IpProtocol.TCP);
        assertThat(b.rules().get(2).unreachable().routingFailure()).isTrue();
        assertThat(b.rules().get(2).protocols()).isEmpty();
        assertThat(b.balancer().mode()).isEqualTo(Node.Balancer.Mode.ROUND_ROBIN);

        Node c = t.node("c").orElseThrow();
        assertThat(c.quote()).isEqualTo(Node.Quote.RFC792);
        assertThat(c.nat().fixup()).isEqualTo(Node.Nat.Fixup.NONE);
        assertThat(c.nat().portBase()).isZero();
        assertThat(c.balancer()).isEqualTo(Node.Balancer.DEFAULT);

        Node h = t.node("h").orElseThrow();
        assertThat(h.kind()).isEqualTo(Node.Kind.HOST);
        assertThat(h.ipv6()).isNull();
        assertThat(h.udpOpen().contains(53)).isTrue();
        assertThat(h.udpOpen().contains(33500)).isTrue();
        assertThat(h.udpOpen().contains(33535)).isFalse();
        assertThat(h.tcpOpen().contains(1)).isTrue();
        assertThat(h.echo()).isFalse();
        assertThat(h.initialTtl()).isEqualTo(128);
        assertThat(h.quote()).isEqualTo(Node.Quote.FULL);
        assertThat(h.rateLimit()).isEqualTo(new Node.RateLimit(1, 1));
        assertThat(h.rules().get(0).unreachable().v4Code()).isEqualTo(7);
        assertThat(t.node("h6").orElseThrow().tcpOpen().contains(80)).isFalse();

        assertThat(t.links()).hasSize(6);
        Link ab = t.links().get(1);
        assertThat(ab.delayNanos()).isEqualTo(20_000);
        assertThat(ab.loss()).isEqualTo(0.25);
        assertThat(ab.jitterNanos()).isEqualTo(1_000_000);
        assertThat(t.links().get(0).delayNanos()).isEqualTo(1_500_000);
        assertThat(t.links().get(2).delayNanos()).isEqualTo(2_000_000_000L);
        assertThat(t.links().get(3).delayNanos()).isEqualTo(100);
        assertThat(t.isLink(ip("198.18.1.1"), ip("198.18.2.2"))).isTrue();
        assertThat(t.isLink(ip("198.18.2.2"), ip("198.18.1.1"))).isTrue();
        assertThat(t.isLink(ip("198.18.0.2"), ip("198.18.2.2"))).isFalse();
        assertThat(t.nodeByAddress(ip("2001:db8:9::6"))).map(Node::name).hasValue("h6");
    }

    @Test
    void defaultsApplyWhenLinesAreBare() throws Exception {
        Topology t = Topology.parse(BASE, "bare.topo");
        assertThat(t.name()).isEqualTo("bare");
        assertThat(t.seed()).isEqualTo(1);
        assertThat(t.description()).isEmpty();
        Node r1 = t.node("r1").orElseThrow();
        assertThat(r1.initialTtl()).isEqualTo(255);
        assertThat(r1.quote()).isEqualTo(Node.Quote.RFC792);
        assertThat(r1.balancer()).isEqualTo(Node.Balancer.DEFAULT);
        assertThat(r1.rateLimit()).isNull();
        assertThat(r1.nat()).isNull();
        Node h = t.node("h").orElseThrow();
        assertThat(h.initialTtl()).isEqualTo(64);
        assertThat(h.quote()).isEqualTo(Node.Quote.FULL);
        assertThat(h.echo()).isTrue();
        assertThat(h.udpOpen().contains(33434)).isFalse();
        assertThat(h.tcpOpen().contains(80)).isFalse();
    }

    @Test
    void parsesMplsTunnelsWithDefaultAndGivenLabels() throws Exception {
        Topology t = Topology.parse("""
                source me 198.18.0.2
                router a 198.18.1.1
                router b 198.18.1.2
                router c 198.18.1.3
                router d 198.18.1.4
                host h 198.18.9.9
                link me a 1ms
                link a b 1ms
                link b c 1ms
                link c d 1ms
                link d h 1ms
                mpls explicit a b c labels=100,200
                mpls Invisible b c d
                """, "m.topo");
        assertThat(t.hasIpv6()).isFalse();
        assertThat(t.tunnels()).hasSize(2);
        assertThat(t.tunnels().get(0).mode()).isEqualTo(MplsTunnel.Mode.EXPLICIT);
        assertThat(t.tunnels().get(0).labels()).containsExactly(100, 200);
        assertThat(t.tunnels().get(0).ingress()).isEqualTo("a");
        assertThat(t.tunnels().get(0).egress()).isEqualTo("c");
        assertThat(t.tunnels().get(1).mode()).isEqualTo(MplsTunnel.Mode.INVISIBLE);
        assertThat(t.tunnels().get(1).labels()).hasSize(2).allMatch(l -> l >= 16 && l <= 0xfffff);
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("lab.topo");
        Files.writeString(f, BASE);
        Topology t = Topology.load(f);
        assertThat(t.name()).isEqualTo("lab");
        assertThat(t.origin()).isEqualTo("lab.topo");
        assertThat(t.nodes()).extracting(Node::name).containsExactly("me", "r1", "h");

        Files.writeString(f, BASE + "link h r1 1ms\n");
        assertThatThrownBy(() -> Topology.load(f)).isInstanceOf(TopologyException.class)
                .hasMessageStartingWith("lab.topo:6: ");
    }

    @Test
    void withSeedKeepsTheNetworkAndChangesOnlyTheSeed() throws Exception {
        Topology t = Topology.parse(BASE, "t.topo");
        Topology u = t.withSeed(99);
        assertThat(u.seed()).isEqualTo(99);
        assertThat(t.seed()).isEqualTo(1);
        assertThat(u.nodes()).isEqualTo(t.nodes());
        assertThat(u.links()).isEqualTo(t.links());
        assertThat(u.nodeByAddress(ip("198.18.9.9"))).isPresent();
    }

    static Stream<Arguments> errors() {
        String src = "source me 198.18.0.2\n";
        String v4 = src + "router r1 198.18.1.1\nhost h 198.18.9.9\nlink me r1 1ms\nlink r1 h 1ms\n";
        return Stream.of(
                Arguments.of(BASE + "rooter r2 198.18.1.2\n", 6, "unknown directive 'rooter'"),
                Arguments.of("name a\nname b\n" + BASE, 2, "'name' given twice"),
                Arguments.of("name\n" + BASE, 1, "expected: name <word>"),
                Arguments.of("seed x\n" + BASE, 1, "seed 'x' is not an integer"),
                Arguments.of("seed 1\nseed 2\n" + BASE, 2, "'seed' given twice (first on line 1)"),
                Arguments.of(src + "router r1\n", 2, "expected: router <name> <address>"),
                Arguments.of(src + "router 1r 198.18.1.1\n", 2, "'1r' is not a valid name"),
                Arguments.of(BASE + "router r1 198.18.1.9\n", 6, "node 'r1' already declared on line 2"),
                Arguments.of(src + "router r1 198.18.1.300\n", 2, "'198.18.1.300' is neither an IP address nor an option"),
                Arguments.of(src + "router r1 198.18.1.1 198.18.1.2\n", 2, "has two IPv4 addresses"),
                Arguments.of(src + "router r1 2001:db8::1 2001:db8::3\n", 2, "has two IPv6 addresses"),
                Arguments.of(src + "router r1 198.18.1.1 silent 2001:db8::1\n", 2, "must come before the options"),
                Arguments.of(src + "router r1 silent\n", 2, "needs at least one address"),
                Arguments.of(src + "router r1 198.18.1.1 sielnt\n", 2, "'sielnt' is neither an IP address nor an option"),
                Arguments.of(src + "router r1 198.18.1.1 foo=1\n", 2, "unknown option 'foo' for a router"),
                Arguments.of(src + "router r1 198.18.1.1 udp=53\n", 2, "unknown option 'udp' for a router"),
                Arguments.of(src + "host h 198.18.1.1 nat=198.18.5.5\n", 2, "unknown option 'nat' for a host"),
                Arguments.of("source me 198.18.0.2 ttl=3\n", 1, "unknown option 'ttl' for a source"),
                Arguments.of(src + "router r1 198.18.1.1 silent=yes\n", 2, "'silent' is a flag and takes no value"),
                Arguments.of(src + "router r1 198.18.1.1 ttl=\n", 2, "option 'ttl' needs a value"),
                Arguments.of(src + "router r1 198.18.1.1 ttl\n", 2, "option 'ttl' needs a value: ttl=..."),
                Arguments.of(src + "router r1 198.18.1.1 ttl=1 ttl=2\n", 2, "option 'ttl' given twice"),
                Arguments.of(src + "router r1 198.18.1.1 ttl=0\n", 2, "ttl must be an integer in 1..255, not '0'"),
                Arguments.of(src + "router r1 198.18.1.1 quote=lots\n", 2, "quote must be rfc792, full or a byte count"),
                Arguments.of(src + "router r1 198.18.1.1 quote=20\n", 2, "quote must be rfc792, full or a byte count"),
                Arguments.of(src + "router r1 198.18.1.1 rate=fast\n", 2, "rate 'fast' is not a positive rate"),
                Arguments.of(src + "router r1 198.18.1.1 rate=0/s\n", 2, "is not a positive rate"),
                Arguments.of(src + "router r1 198.18.1.1 burst=3\n", 2, "'burst' needs a 'rate'"),
                Arguments.of(src + "router r1 198.18.1.1 loss=1.5\n", 2, "loss must be a probability"),
                Arguments.of(src + "router r1 198.18.1.1 drop=gre\n", 2, "unknown protocol 'gre'"),
                Arguments.of(src + "router r1 198.18.1.1 unreachable=later\n", 2, "unknown unreachable code 'later'"),
                Arguments.of(src + "router r1 198.18.1.1 unreachable=16\n", 2, "unknown unreachable code '16'"),
                Arguments.of(src + "router r1 198.18.1.1 lb=ecmp\n", 2, "lb must be per-flow, round-robin"),
                Arguments.of(src + "router r1 198.18.1.1 lb=random hash=tos\n", 2, "'hash' only applies to lb=per-flow"),
                Arguments.of(src + "router r1 198.18.1.1 hash=5tuple,colour\n", 2, "unknown hash field 'colour'"),
                Arguments.of(src + "router r1 198.18.1.1 lb-seed=x\n", 2, "lb-seed 'x' is not an integer"),
                Arguments.of(src + "router r1 198.18.1.1 nat=2001:db8::7\n", 2, "nat needs a public IPv4 address"),
                Arguments.of(src + "router r1 198.18.1.1 nat-ports=2000\n", 2, "'nat-ports' needs 'nat=<public IPv4 address>'"),
                Arguments.of(src + "router r1 198.18.1.1 nat=198.18.5.5 nat-ports=80\n", 2, "nat-ports must be an integer in 1024..65000"),
                Arguments.of(src + "router r1 198.18.1.1 nat=198.18.5.5 nat-fixup=some\n", 2, "nat-fixup must be full, addresses or none"),
                Arguments.of(src + "router r1 198.18.1.1 nat=198.18.5.5 nat-broken nat-fixup=none\n", 2, "'nat-broken' is nat-fixup=none"),
                Arguments.of(src + "host h 198.18.1.1 udp=70000\n", 2, "udp port must be an integer in 1..65535"),
                Arguments.of(src + "host h 198.18.1.1 tcp=90-80\n", 2, "tcp port range '90-80' is reversed"),
                Arguments.of(src + "host h 198.18.1.1 echo=maybe\n", 2, "echo must be yes or no"),
                Arguments.of(src + "host h 198.18.1.1 icmp-delay=5\n", 2, "icmp-delay '5' is not a duration"),
                Arguments.of(v4 + "link h\n", 6, "expected: link <from> <to> <delay>"),
                Arguments.of(v4 + "link me h fast\n", 6, "link delay 'fast' is not a duration"),
                Arguments.of(v4 + "link me h 2h\n", 6, "link delay '2h' is not a duration"),
                Arguments.of(v4 + "link me h 7200s\n", 6, "longer than an hour"),
                Arguments.of(v4 + "link me h 1ms mtu=1500\n", 6, "unknown link option 'mtu=1500'"),
                Arguments.of(v4 + "link me h 1ms loss=1 loss=2\n", 6, "option 'loss' given twice"),
                Arguments.of(v4 + "mpls hidden me r1 h\n", 6, "unknown MPLS tunnel kind 'hidden'"),
                Arguments.of(v4 + "mpls explicit me r1\n", 6, "expected: mpls <explicit|implicit|opaque|invisible>"),
                Arguments.of(v4 + "mpls explicit me r1 h labels=1,2\n", 6, "label must be an integer in 16..1048575"),
                Arguments.of(v4 + "mpls explicit me r1 h labels=20\n", 6, "labels lists 1 labels; this tunnel needs 2"),
                Arguments.of(v4 + "mpls explicit me r1 h labels=20,30 labels=20,30\n", 6, "option 'labels' given twice"),
                Arguments.of(v4 + "mpls explicit me r1 me h\n", 6, "lists a node twice"),
                Arguments.of(v4 + "mpls explicit me r1 h ttl=2\n", 6, "unknown mpls option 'ttl=2'"),
                // structure, checked after parsing
                Arguments.of("router r1 198.18.1.1\n", 0, "no 'source' line"),
                Arguments.of(v4 + "source you 198.18.0.3\n", 6, "a second 'source'"),
                Arguments.of(src + "router r1 198.18.0.2\nlink me r1 1ms\n", 2, "address 198.18.0.2 already belongs to 'me'"),
                Arguments.of(v4 + "router r2 198.18.2.2 nat=198.18.9.9\nlink r1 r2 1ms\n", 6, "NAT address 198.18.9.9 belongs to 'h'"),
                Arguments.of(v4 + "router r2 198.18.2.2 nat=198.18.0.2\nlink r1 r2 1ms\n", 6, "NAT address is the prober's own address"),
                Arguments.of("source me 198.18.0.2 2001:db8::2\nrouter r1 198.18.1.1\nlink me r1 1ms\n", 2,
                        "router 'r1' has no IPv6 address but the source has one"),
                Arguments.of("source me 2001:db8::2\nrouter r1 198.18.1.1\nlink me r1 1ms\n", 2,
                        "router 'r1' has no IPv6 address"),
                Arguments.of(src + "router r1 198.18.1.1\nhost h 2001:db8::9\nlink me r1 1ms\nlink r1 h 1ms\n", 3,
                        "host 'h' has no address of a family the source has"),
                Arguments.of(v4 + "link r1 r9 1ms\n", 6, "link names unknown node 'r9'"),
                Arguments.of(v4 + "link r1 r1 1ms\n", 6, "link from 'r1' to itself"),
                Arguments.of(v4 + "router r2 198.18.2.2\nlink h r2 1ms\n", 7, "link leaves host 'h'"),
                Arguments.of(v4 + "link r1 me 1ms\n", 6, "link leads into the source 'me'"),
                Arguments.of(v4 + "link r1 h 5ms\n", 6, "link r1 -> h already declared on line 5"),
                Arguments.of(v4 + "router r2 198.18.2.2\nlink r1 r2 1ms\nlink r2 r1 1ms\n", 8, "reverses the link on line 7"),
                Arguments.of(v4 + "router r2 198.18.2.2\nrouter r3 198.18.3.3\nlink r1 r2 1ms\nlink r2 r3 1ms\n"
                        + "link r3 r1 1ms\n", 10, "closes a loop"),
                Arguments.of(v4 + "router lost 198.18.2.2\n", 6, "router 'lost' cannot be reached from the source"),
                Arguments.of(v4 + "mpls explicit r1 x h\n", 6, "MPLS tunnel names unknown node 'x'"),
                Arguments.of(v4 + "mpls explicit me r1 h\n", 6, "MPLS tunnel node 'me' is not a router"),
                Arguments.of(v4 + "router r2 198.18.2.2\nrouter r3 198.18.3.3\nlink r1 r2 1ms\nlink r2 r3 1ms\n"
                        + "link r3 h 1ms\nmpls explicit r1 r3 r2\n", 11, "MPLS tunnel needs a link r1 -> r3"),
                Arguments.of(v4 + "router r2 198.18.2.2\nrouter r3 198.18.3.3\nlink r1 r2 1ms\nlink r2 r3 1ms\n"
                        + "link r3 h 1ms\nmpls explicit r1 r2 r3\nmpls opaque r1 r2 r3\n", 12,
                        "another MPLS tunnel already starts with r1 -> r2"));
    }

    @ParameterizedTest(name = "[{index}] line {1}: {2}")
    @MethodSource("errors")
    void reportsEveryErrorWithItsLine(String text, int line, String fragment) {
        assertThatThrownBy(() -> Topology.parse(text, "bad.topo"))
                .isInstanceOfSatisfying(TopologyException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.origin()).isEqualTo("bad.topo");
                    assertThat(e.problem()).contains(fragment);
                    assertThat(e.getMessage()).isEqualTo("bad.topo" + (line > 0 ? ":" + line : "") + ": "
                            + e.problem());
                });
    }

    @Test
    void addressLiteralsAreParsedWithoutDns() {
        assertThat(Addresses.parse("2001:db8::1")).isEqualTo(ip("2001:db8::1"));
        assertThat(Addresses.parse("::")).isEqualTo(ip("::"));
        assertThat(Addresses.parse("2001:db8:0:0:0:0:0:1")).isEqualTo(ip("2001:db8::1"));
        assertThat(Addresses.parse("::ffff:198.18.0.1")).isInstanceOf(java.net.Inet6Address.class);
        assertThat(Addresses.parse("64:ff9b::198.18.0.1")).isEqualTo(ip("64:ff9b::c612:1"));
        for (String bad : Set.of("localhost", "1.2.3", "1.2.3.4.5", "01234.1.1.1", "2001:db8::1::2", "2001:db8:1",
                "12345::", "1:2:3:4:5:6:7:8:9", "g::1", "1.2.3.4:80", ":1", "")) {
            assertThat(Addresses.parse(bad)).as(bad).isNull();
        }
    }
}
