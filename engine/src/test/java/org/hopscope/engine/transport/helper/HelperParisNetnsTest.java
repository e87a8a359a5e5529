package org.hopscope.engine.transport.helper;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hopscope.engine.netns.HelperLab;
import org.hopscope.engine.netns.LabTopology;
import org.hopscope.engine.netns.Traces;
import org.hopscope.engine.netns.Truth;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Paris traces through the privileged helper (run as an unprivileged user holding only cap_net_raw)
 * across a per-flow load balancer: each flow must find exactly the interfaces of the branch the
 * kernel's ECMP hash gives it; classic traces of the same network must show false links.
 */
class HelperParisNetnsTest {
    private static final int FLOWS = 5;
    private static final java.time.Duration WAIT = java.time.Duration.ofMillis(600);
    /**
     * Between traces: the rate-limited router spends one token ({@value LabTopology#RATE_LIMIT_MS} ms of
     * credit) per time exceeded, three per trace; a quick trace must wait for them to come back.
     */
    private static final java.time.Duration REFILL = java.time.Duration.ofMillis(LabTopology.RATE_LIMIT_MS * 3L + 50L);
    private static final java.time.Duration LATE = java.time.Duration.ofMillis(100);
    private static HelperLab lab;
    private static HelperTransport transport;

    @BeforeAll
    static void start() throws Exception {
        lab = HelperLab.start();
        transport = lab.transport();
    }

    @AfterAll
    static void stop() {
        if (transport != null) {
            transport.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest(name = "{0} IPv{1}")
    @CsvSource({"UDP, 4", "ICMP, 4", "TCP, 4", "UDP, 6", "ICMP, 6", "TCP, 6"})
    void parisTracesFindExactlyTheirFlowsPath(ProbeProtocol protocol, int version) throws Exception {
        boolean v6 = version == 6;
        InetAddress target = v6 ? LabTopology.TARGET6 : LabTopology.TARGET4;
        Set<String> branchesSeen = new HashSet<>();
        // Several flows: the source port base (the ICMP identifier) varies. Namespace RTTs are far
        // below a millisecond, so a short wait only shortens the silent hop's wait.
        for (int base = 33456; base < 33456 + FLOWS * 11; base += 11) {
            TraceSettings.Builder b = Traces.lab(target).protocol(protocol).method(ProbeMethod.PARIS).sourcePort(base)
                    .waitTime(WAIT);
            if (protocol == ProbeProtocol.TCP) {
                b.destinationPort(LabTopology.TCP_PORT);
            }
            TraceSettings s = b.build();
            TraceSnapshot snap = Traces.run(transport, s, target);

            String branch = lab.lab.branchTaken(protocol, v6, base, s.destinationPort());
            branchesSeen.add(branch);
            Map<Integer, InetAddress> expected = Truth.expected(lab.lab.path(branch, v6));

            assertThat(snap.status()).as(protocol + " flow " + base).isEqualTo(TraceStatus.REACHED);
            Map<Integer, Set<InetAddress>> found = Truth.found(snap);
            Map<Integer, Set<InetAddress>> want = new java.util.TreeMap<>();
            expected.forEach((ttl, a) -> want.put(ttl, Set.of(a)));
            assertThat(found).as(protocol + " flow " + base + " via branch " + branch).isEqualTo(want);
            // Late answers; and, on the IPv4 path (IPv6 ends before it), the rate-limited router's bucket refills.
            Traces.drain(transport, v6 ? LATE : REFILL);
        }
        if (protocol != ProbeProtocol.ICMP) { // ICMP has no ports: every flow hashes alike
            assertThat(branchesSeen).as("the flows should exercise both branches").hasSize(2);
        }
    }

    @Test
    void classicTracesShowFalseLinksAcrossTheUnequalBranches() throws Exception {
        Set<Truth.Link> truth = Truth.links(List.of(lab.lab.path(LabTopology.BRANCH_A, false),
                lab.lab.path(LabTopology.BRANCH_B, false)));
        List<Truth.Link> falseLinks = new ArrayList<>();
        long loops = 0;
        for (int run = 0; run < 3; run++) {
            TraceSettings s = Traces.lab(LabTopology.TARGET4).protocol(ProbeProtocol.UDP).method(ProbeMethod.CLASSIC)
                    .destinationPort(33434 + run * 100).waitTime(WAIT).build();
            TraceSnapshot snap = Traces.run(transport, s, LabTopology.TARGET4);
            assertThat(snap.status()).isEqualTo(TraceStatus.REACHED);
            falseLinks.addAll(Truth.falseLinks(snap, truth));
            loops += Truth.loops(snap);
            Traces.drain(transport, REFILL);
        }
        System.out.println("classic UDP over ECMP: " + falseLinks.size() + " false links (" + loops + " loops): " + falseLinks);
        assertThat(falseLinks.size()).isGreaterThan(0);
    }
}
