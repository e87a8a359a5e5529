package org.hopscope.engine.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.hopscope.engine.probe.ProbeProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness itself: the topology is what its truth says, and it cannot reach outside. */
class LabTopologyTest {
    private static LabTopology lab;

    @BeforeAll
    static void build() {
        NetnsPreconditions.require("nft", "ping", "nc");
        lab = LabTopology.build();
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void sourceNamespaceOnlyRoutesIntoTheTopology() {
        String routes4 = lab.src().ip("-4", "route").out();
        String routes6 = lab.src().ip("-6", "route").out();
        assertThat(routes4).doesNotContain("default").contains("198.18.0.0/15 via 198.18.0.1");
        assertThat(routes6).doesNotContain("default").contains("2001:db8::/32 via 2001:db8::1");
        assertThat(lab.src().tryExec(Duration.ofSeconds(5), "ping", "-c", "1", "-W", "1", "192.0.2.1").ok()).isFalse();
    }

    @Test
    void targetsAnswerPing() {
        assertThat(lab.src().tryExec(Duration.ofSeconds(5), "ping", "-c", "1", "-W", "2",
                LabTopology.TARGET4.getHostAddress()).ok()).isTrue();
        assertThat(lab.src().tryExec(Duration.ofSeconds(5), "ping", "-6", "-c", "1", "-W", "2",
                LabTopology.TARGET6.getHostAddress()).ok()).isTrue();
    }

    @Test
    void loadBalancerSplitsFlowsOverBothBranches() {
        for (boolean v6 : new boolean[] {false, true}) {
            Set<String> branches = new HashSet<>();
            for (int sport = 33456; sport < 33476; sport++) {
                branches.add(lab.branchOf(ProbeProtocol.UDP, v6, sport, 33457));
            }
            assertThat(branches).as("IPv6 " + v6).containsExactlyInAnyOrder(LabTopology.BRANCH_A, LabTopology.BRANCH_B);
        }
    }

    @Test
    void truthPathsHaveUnequalLengthsAndOneSilentHop() {
        assertThat(lab.path(LabTopology.BRANCH_A, false)).hasSize(8);
        assertThat(lab.path(LabTopology.BRANCH_B, false)).hasSize(9);
        assertThat(lab.path(LabTopology.BRANCH_A, false)).filteredOn(Truth.Hop::silent).hasSize(1);
        assertThat(lab.path(LabTopology.BRANCH_B, true)).last().extracting(Truth.Hop::address)
                .isEqualTo(LabTopology.TARGET6);
    }
}
