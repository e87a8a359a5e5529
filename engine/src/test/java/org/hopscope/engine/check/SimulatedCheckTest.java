package org.hopscope.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.sim.Topology;
import org.junit.jupiter.api.Test;

/**
 * The check's scenarios over the simulated network (no privileges needed): the same path as the
 * namespace lab ({@code CheckNamespaceTest}), home gateway, ISP, transit, destination edge, service,
 * with one option changed per scenario. Asserts categories, not sentences.
 */
class SimulatedCheckTest {
    private static final List<SegmentKind> NETWORK = SegmentJudge.networkKinds();

    private static Topology lab(String gwLink, String transit, String edge) throws Exception {
        return lab(gwLink, transit, edge, "");
    }

    private static Topology lab(String gwLink, String transit, String edge, String host) throws Exception {
        return lab(gwLink, transit, edge, host, "4ms");
    }

    private static Topology lab(String gwLink, String transit, String edge, String host, String ispTransitDelay)
            throws Exception {
        return Topology.parse(String.join("\n",
                "name check-lab",
                "seed 7",
                "source client 198.18.0.2",
                "router gw      198.18.0.1",
                "router isp     198.18.1.2",
                "router transit 198.18.2.2 " + transit,
                "router edge    198.18.3.2 " + edge,
                "host   www     198.19.4.2 tcp=443 " + host,
                "link client gw 0.5ms " + gwLink,
                "link gw isp 3ms",
                "link isp transit " + ispTransitDelay,
                "link transit edge 2ms",
                "link edge www 0.5ms",
                ""), "test");
    }

    private static CheckReport check(Topology t, long budgetMs, String... targets) throws Exception {
        CheckSettings s = CheckSettings.defaults().withBudget(Duration.ofMillis(budgetMs))
                .withProbing(Duration.ofMillis(50), Duration.ofMillis(300), 10, 3);
        return SimulatedCheck.create(s, t).run(List.of(targets).stream().map(CheckTarget::parse).toList());
    }

    @Test
    void healthyUnresolvableAndClosedPort() throws Exception {
        CheckReport r = check(lab("", "", ""), 2500, "www", "nosuch", "www:444");
        assertThat(r.environment().gateway()).hasValueSatisfying(g -> assertThat(g.getHostAddress()).isEqualTo("198.18.0.1"));
        TargetCheck ok = r.targets().get(0);
        for (SegmentKind k : NETWORK) {
            assertThat(ok.verdict(k).status()).as(k.name()).isEqualTo(Status.GOOD);
            assertThat(ok.verdict(k).reason()).as(k.name()).isEqualTo(Reason.OK);
        }
        assertThat(ok.verdict(SegmentKind.LOCAL_NETWORK).ttls()).containsExactly(1);
        assertThat(ok.verdict(SegmentKind.ISP_EDGE).ttls()).containsExactly(2);
        assertThat(ok.verdict(SegmentKind.TRANSIT).ttls()).containsExactly(3);
        assertThat(ok.verdict(SegmentKind.DESTINATION_NETWORK).ttls()).containsExactly(4);
        assertThat(ok.verdict(SegmentKind.SERVICE).ttls()).containsExactly(5);
        assertThat(ok.status()).isEqualTo(Status.GOOD);
        assertThat(ok.path().orElseThrow().protocol()).isEqualTo(ProbeProtocol.TCP); // the simulation sends TCP
        assertThat(ok.path().orElseThrow().rounds()).isGreaterThan(3);

        TargetCheck nx = r.targets().get(1);
        assertThat(nx.verdict(SegmentKind.SERVICE).reason()).isEqualTo(Reason.NAME_NOT_FOUND);
        assertThat(nx.status()).isEqualTo(Status.BROKEN);
        NETWORK.forEach(k -> assertThat(nx.verdict(k).status()).isEqualTo(Status.UNKNOWN));

        TargetCheck closed = r.targets().get(2);
        assertThat(closed.verdict(SegmentKind.SERVICE).reason()).isEqualTo(Reason.PORT_CLOSED);
        assertThat(closed.status()).isEqualTo(Status.BROKEN);
        NETWORK.forEach(k -> assertThat(closed.verdict(k).status()).isEqualTo(Status.GOOD));
        assertThat(r.status()).isEqualTo(Status.BROKEN);
        assertThat(r.durationMs()).isLessThan(2500 + 2000);
    }

    @Test
    void lossOnTheGatewayLinkBlamesTheLocalNetworkOnly() throws Exception {
        TargetCheck t = check(lab("loss=20%", "", ""), 3000, "www").targets().get(0);
        assertThat(t.verdict(SegmentKind.LOCAL_NETWORK).reason()).isEqualTo(Reason.PACKET_LOSS);
        assertThat(t.verdict(SegmentKind.LOCAL_NETWORK).status()).isIn(Status.DEGRADED, Status.BROKEN);
        for (SegmentKind k : List.of(SegmentKind.ISP_EDGE, SegmentKind.TRANSIT, SegmentKind.DESTINATION_NETWORK)) {
            assertThat(t.verdict(k).status()).as(k.name()).isEqualTo(Status.GOOD);
        }
        assertThat(t.status()).isIn(Status.DEGRADED, Status.BROKEN);
    }

    @Test
    void icmpRateLimitingRouterIsNotAFault() throws Exception {
        TargetCheck t = check(lab("", "rate=2/s burst=2", ""), 2500, "www").targets().get(0);
        assertThat(t.path().orElseThrow().trace().hops().get(2).stats().lossPercent()).isGreaterThan(20);
        assertThat(t.verdict(SegmentKind.TRANSIT).reason()).isEqualTo(Reason.LOSS_NOT_PERSISTENT);
        for (SegmentKind k : SegmentKind.values()) {
            assertThat(t.verdict(k).status()).as(k.name()).isEqualTo(Status.GOOD);
        }
        assertThat(t.status()).isEqualTo(Status.GOOD);
    }

    @Test
    void firewallDroppingEverythingButTheServicePort() throws Exception {
        // Drops TCP probes too (a stateful firewall lets the connect through, not TTL-limited SYNs):
        // the check falls back to UDP and ICMP, which are dropped as well.
        TargetCheck t = check(lab("", "", "drop=udp,icmp,tcp"), 2500, "www").targets().get(0);
        PathMeasurement p = t.path().orElseThrow();
        assertThat(p.attempts()).extracting(ProtocolAttempt::protocol)
                .containsExactly(ProbeProtocol.TCP, ProbeProtocol.UDP, ProbeProtocol.ICMP);
        assertThat(p.attempts()).allSatisfy(a -> assertThat(a.reached()).isFalse());
        assertThat(p.reached()).isFalse();
        assertThat(t.verdict(SegmentKind.DESTINATION_NETWORK).reason()).isEqualTo(Reason.PROBES_FILTERED);
        assertThat(t.verdict(SegmentKind.SERVICE).status()).isEqualTo(Status.GOOD);
        assertThat(t.verdicts()).allSatisfy(v -> assertThat(v.status()).isIn(Status.GOOD, Status.UNKNOWN));
        assertThat(t.status()).isEqualTo(Status.GOOD);
    }

    @Test
    void unreachableServiceBreaksWhereThePathStops() throws Exception {
        // The host is down (drops everything): traffic stops after edge and the connect times out.
        CheckReport r = check(lab("", "", "", "drop=all"), 2500, "www");
        TargetCheck t = r.targets().get(0);
        assertThat(t.verdicts()).anySatisfy(v -> {
            assertThat(v.status()).isEqualTo(Status.BROKEN);
            assertThat(v.reason()).isEqualTo(Reason.NO_REPLY);
        });
        assertThat(t.verdict(SegmentKind.LOCAL_NETWORK).status()).isEqualTo(Status.GOOD);
        assertThat(t.verdict(SegmentKind.DESTINATION_NETWORK).reason()).isEqualTo(Reason.NO_REPLY);
        assertThat(t.verdict(SegmentKind.SERVICE).reason()).isEqualTo(Reason.CONNECT_TIMEOUT);
        assertThat(t.status()).isEqualTo(Status.BROKEN);
    }

    @Test
    void latencyRiseThatPersistsMarksItsSegmentDegraded() throws Exception {
        // 100 ms each way between isp and transit: RTT jumps by 200 ms at hop 3 and stays up.
        TargetCheck t = check(lab("", "", "", "", "100ms"), 2500, "www").targets().get(0);
        assertThat(t.verdict(SegmentKind.TRANSIT).reason()).isEqualTo(Reason.HIGH_LATENCY);
        assertThat(t.verdict(SegmentKind.TRANSIT).status()).isEqualTo(Status.DEGRADED);
        for (SegmentKind k : List.of(SegmentKind.LOCAL_NETWORK, SegmentKind.ISP_EDGE, SegmentKind.DESTINATION_NETWORK)) {
            assertThat(t.verdict(k).status()).as(k.name()).isEqualTo(Status.GOOD);
        }
        assertThat(t.status()).isEqualTo(Status.DEGRADED);
    }

    @Test
    void reportJsonAndTextMaskTheMachine() throws Exception {
        CheckReport r = check(lab("", "", ""), 1500, "www");
        String json = new CheckReportWriter(PrivacyMask.ON).json(r);
        assertThat(json).contains("\"local_address\": \"198.18.0.0\"").contains("\"host_name\": \"(masked)\"")
                .contains("\"schema\": \"hopscope-check\"").contains("\"schema\": \"hopscope-trace\"")
                .doesNotContain("\"198.18.0.2\"");
        String text = new CheckReportWriter(PrivacyMask.OFF).text(r);
        assertThat(text).startsWith("Hopscope connectivity check, ").contains(": GOOD\n")
                .contains("gateway 198.18.0.1").contains("[GOOD]    Local network");
    }
}
