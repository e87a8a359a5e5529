package org.hopscope.engine.transport.datagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hopscope.engine.netns.ChildJvm;
import org.hopscope.engine.netns.ChildTrace;
import org.hopscope.engine.netns.Cmd;
import org.hopscope.engine.netns.LabTopology;
import org.hopscope.engine.netns.NetnsPreconditions;
import org.hopscope.engine.netns.TestUser;
import org.hopscope.engine.netns.TraceMain;
import org.hopscope.engine.netns.Truth;
import org.hopscope.engine.probe.ProbeProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The unprivileged transport for real: the engine runs in a child JVM inside the source namespace
 * as the unprivileged test user (no capability at all; ping_group_range admits it there), and its
 * Paris UDP and ICMP traces must find exactly their flow's interfaces.
 */
class DatagramNetnsTest {
    private static LabTopology lab;
    private static TestUser user;
    private static ChildJvm jvm;

    @BeforeAll
    static void start() {
        NetnsPreconditions.require("nft", "nc", "setpriv", "useradd");
        lab = LabTopology.build();
        user = TestUser.ensure();
        jvm = ChildJvm.prepare(lab.run());
    }

    @AfterAll
    static void stop() {
        if (jvm != null) {
            jvm.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest(name = "{0} IPv{1} flow {2}")
    @CsvSource({"UDP, 4, 33456", "UDP, 4, 33467", "UDP, 4, 33478", "UDP, 4, 33489", "ICMP, 4, 33456",
            "ICMP, 4, 40000", "UDP, 6, 33456", "UDP, 6, 33467", "ICMP, 6, 33456"})
    void parisTraceAsUnprivilegedUserFindsItsFlowsPath(ProbeProtocol protocol, int version, int sport) throws Exception {
        boolean v6 = version == 6;
        InetAddress target = v6 ? LabTopology.TARGET6 : LabTopology.TARGET4;
        Cmd.Result r = jvm.run(lab.src(), user, Duration.ofSeconds(60), TraceMain.class.getName(),
                List.of("transport=datagram", "target=" + target.getHostAddress(), "protocol=" + protocol.cliName(),
                        "sport=" + sport));
        ChildTrace t = ChildTrace.parse(r.out());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(t.transport()).startsWith("transport: datagram");
        assertThat(t.status()).as(r.out()).isEqualTo("REACHED");
        String branch = lab.branchTaken(protocol, v6, sport, 33457);
        Map<Integer, Set<InetAddress>> want = new TreeMap<>();
        Truth.expected(lab.path(branch, v6)).forEach((ttl, a) -> want.put(ttl, Set.of(a)));
        assertThat(t.hops()).as(protocol + " flow " + sport + " via " + branch + "\n" + r.out()).isEqualTo(want);
        Thread.sleep(LabTopology.RATE_LIMIT_MS + 50L);
    }
}
