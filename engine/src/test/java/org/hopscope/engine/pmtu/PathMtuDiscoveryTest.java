package org.hopscope.engine.pmtu;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.hopscope.engine.pmtu.FakePath.Router;
import org.hopscope.engine.pmtu.FakePath.TooBig;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;
import org.junit.jupiter.api.Test;

/** Path MTU discovery against an in-memory path whose routers behave like Linux's. */
class PathMtuDiscoveryTest {
    private static final long HOP_DELAY = 200_000; // 0.2 ms per hop each way

    private static PathMtuResult discover(FakePath net, ProbeProtocol protocol, int start) throws Exception {
        TraceSettings s = TraceSettings.builder(net.destination().getHostAddress()).protocol(protocol).maxTtl(10)
                .waitTime(Duration.ofMillis(150)).build();
        try (net) {
            return new PathMtuDiscovery(s, new PmtuOptions(start, 1, null), net, net.destination()).run();
        }
    }

    private static InetAddress a(String s) {
        return FakePath.addr(s);
    }

    @Test
    void fragmentationNeededLowersTheMtuAtTheHopWhoseOutgoingLinkIsNarrow() throws Exception {
        FakePath net = new FakePath("198.18.1.2", 1500, List.of(
                Router.of("198.18.1.1", 1500), Router.of("198.18.2.1", 1400), Router.of("198.18.3.1", 1500)),
                "198.18.4.2", HOP_DELAY);
        PathMtuResult r = discover(net, ProbeProtocol.UDP, 1500);

        assertThat(r.reachedDestination()).isTrue();
        assertThat(r.pathMtu()).isEqualTo(1400);
        assertThat(r.hops()).extracting(HopMtu::ttl).containsExactly(1, 2, 3, 4);
        assertThat(r.hops()).extracting(HopMtu::mtu).containsExactly(1500, 1400, 1400, 1400);
        HopMtu h2 = r.hop(2).orElseThrow();
        assertThat(h2.address()).contains(a("198.18.2.1"));
        assertThat(h2.reducedHere()).isTrue();
        assertThat(h2.evidence()).isEqualTo(MtuEvidence.FRAGMENTATION_NEEDED);
        assertThat(r.reductions()).extracting(HopMtu::ttl).containsExactly(2);
        assertThat(r.hop(4).orElseThrow().destination()).isTrue();
        assertThat(r.firstLinkMtu()).isEqualTo(-1);
    }

    @Test
    void twoNarrowingsAreEachFoundWhereTheyAre() throws Exception {
        FakePath net = new FakePath("198.18.1.2", 1500, List.of(
                Router.of("198.18.1.1", 1492), Router.of("198.18.2.1", 1500), Router.of("198.18.3.1", 1280)),
                "198.18.4.2", HOP_DELAY);
        PathMtuResult r = discover(net, ProbeProtocol.ICMP, 1500);
        assertThat(r.hops()).extracting(HopMtu::mtu).containsExactly(1492, 1492, 1280, 1280);
        assertThat(r.reductions()).extracting(HopMtu::ttl).containsExactly(1, 3);
        assertThat(r.pathMtu()).isEqualTo(1280);
    }

    @Test
    void routerGivingNoMtuIsSearchedExactly() throws Exception {
        FakePath net = new FakePath("198.18.1.2", 1500, List.of(
                Router.of("198.18.1.1", 1500), Router.of("198.18.2.1", 1373).tooBig(TooBig.REPORT_ZERO)),
                "198.18.3.2", HOP_DELAY);
        PathMtuResult r = discover(net, ProbeProtocol.UDP, 1500);
        assertThat(r.pathMtu()).isEqualTo(1373);
        HopMtu h2 = r.hop(2).orElseThrow();
        assertThat(h2.mtu()).isEqualTo(1373);
        assertThat(h2.evidence()).isEqualTo(MtuEvidence.SEARCHED);
        assertThat(r.reachedDestination()).isTrue();
    }

    @Test
    void blackHoleIsFoundByBinarySearchAtTheLinkBeforeTheFirstHopThatGoesQuiet() throws Exception {
        FakePath net = new FakePath("198.18.1.2", 1500, List.of(
                Router.of("198.18.1.1", 1500), Router.of("198.18.2.1", 1450).tooBig(TooBig.DROP_SILENTLY),
                Router.of("198.18.3.1", 1500)), "198.18.4.2", HOP_DELAY);
        PathMtuResult r = discover(net, ProbeProtocol.UDP, 1500);
        assertThat(r.pathMtu()).isEqualTo(1450);
        assertThat(r.hop(2).orElseThrow().reducedHere()).isTrue();
        assertThat(r.hop(2).orElseThrow().evidence()).isEqualTo(MtuEvidence.SEARCHED);
        assertThat(r.hop(3).orElseThrow().mtu()).isEqualTo(1450);
        assertThat(r.reachedDestination()).isTrue();
    }

    @Test
    void narrowSourceLinkIsFoundFromTheLocalRefusal() throws Exception {
        FakePath net = new FakePath("198.18.1.2", 1420, List.of(Router.of("198.18.1.1", 1500)), "198.18.2.2",
                HOP_DELAY);
        PathMtuResult r = discover(net, ProbeProtocol.UDP, 1500);
        assertThat(r.firstLinkMtu()).isEqualTo(1420);
        assertThat(r.pathMtu()).isEqualTo(1420);
        assertThat(r.hops()).extracting(HopMtu::mtu).containsOnly(1420);
    }

    @Test
    void ipv6PacketTooBigGivesTheMtu() throws Exception {
        FakePath net = new FakePath("2001:db8:1::2", 1500, List.of(
                Router.of("2001:db8:1::1", 1500), Router.of("2001:db8:2::1", 1280)), "2001:db8:3::2", HOP_DELAY);
        PathMtuResult r = discover(net, ProbeProtocol.UDP, 1500);
        assertThat(r.pathMtu()).isEqualTo(1280);
        HopMtu h2 = r.hop(2).orElseThrow();
        assertThat(h2.evidence()).isEqualTo(MtuEvidence.PACKET_TOO_BIG);
        assertThat(h2.reducedHere()).isTrue();
        assertThat(r.reachedDestination()).isTrue();
    }

    @Test
    void silentHopKeepsThePathMtuAndDiscoveryGoesOn() throws Exception {
        FakePath net = new FakePath("198.18.1.2", 1500, List.of(
                Router.of("198.18.1.1", 1500).quiet(), Router.of("198.18.2.1", 1500)), "198.18.3.2", HOP_DELAY);
        PathMtuResult r = discover(net, ProbeProtocol.UDP, 1500);
        assertThat(r.hop(1).orElseThrow().evidence()).isEqualTo(MtuEvidence.SILENT);
        assertThat(r.hop(1).orElseThrow().address()).isEmpty();
        assertThat(r.pathMtu()).isEqualTo(1500);
        assertThat(r.reachedDestination()).isTrue();
    }

    @Test
    void rfc5837MtuIsReported() throws Exception {
        FakePath net = new FakePath("198.18.1.2", 1500, List.of(
                Router.of("198.18.1.1", 1500).reportingIncomingMtu(9000)), "198.18.2.2", HOP_DELAY);
        PathMtuResult r = discover(net, ProbeProtocol.UDP, 1500);
        assertThat(r.hop(1).orElseThrow().reportedMtu()).hasValue(9000);
        assertThat(r.hop(2).orElseThrow().reportedMtu()).isEmpty();
    }

    @Test
    void probesCarryDontFragment() throws Exception {
        // A path whose only narrow link is after hop 1: without DF the fake network would pass the
        // probe (fragmented), and no reduction would be found.
        FakePath net = new FakePath("198.18.1.2", 1500, List.of(Router.of("198.18.1.1", 1000)), "198.18.2.2",
                HOP_DELAY);
        PathMtuResult r = discover(net, ProbeProtocol.UDP, 1500);
        assertThat(r.pathMtu()).isEqualTo(1000);
        assertThat(net.sentSizes()).contains(1500, 1000);
    }
}
