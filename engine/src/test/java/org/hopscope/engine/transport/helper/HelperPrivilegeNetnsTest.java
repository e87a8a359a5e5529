package org.hopscope.engine.transport.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hopscope.engine.netns.Cmd;
import org.hopscope.engine.netns.HelperLab;
import org.hopscope.engine.netns.LabTopology;
import org.hopscope.engine.netns.Traces;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The helper as a package installs it (a copy carrying only cap_net_raw) run by an unprivileged
 * user: it must work, and the running process must hold no privilege at all; without its capability
 * the engine must say how to fix the installation.
 */
class HelperPrivilegeNetnsTest {
    private static HelperLab lab;

    @BeforeAll
    static void start() {
        lab = HelperLab.start();
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void runningHelperHoldsNoPrivilegeYetProbes() throws Exception {
        try (HelperTransport t = lab.transport()) {
            Map<String, String> status = procStatus(t.helperPid());
            assertThat(status.get("Uid").split("\\s+")).as("real, effective, saved, fs uid")
                    .containsOnly(Integer.toString(lab.user.uid()));
            assertThat(status.get("Gid").split("\\s+")).containsOnly(Integer.toString(lab.user.gid()));
            assertThat(Long.parseLong(status.get("CapEff"), 16)).as("CapEff").isZero();
            assertThat(Long.parseLong(status.get("CapPrm"), 16)).as("CapPrm").isZero();
            assertThat(Long.parseLong(status.get("CapInh"), 16)).as("CapInh").isZero();
            assertThat(Long.parseLong(status.get("CapAmb"), 16)).as("CapAmb").isZero();
            assertThat(status.get("NoNewPrivs")).isEqualTo("1");
            // ...and the raw sockets it opened before dropping still work.
            var snap = Traces.run(t, Traces.lab(LabTopology.TARGET4).build(), LabTopology.TARGET4);
            assertThat(snap.status()).isEqualTo(TraceStatus.REACHED);
        }
    }

    @Test
    void helperWithoutItsCapabilityIsReportedWithTheFix() throws Exception {
        Path plain = lab.helper.binary().resolveSibling("hopscope-helper-nocap");
        Files.copy(lab.helper.binary(), plain); // a copy does not carry the file capability
        try {
            assertThat(Cmd.run("getcap", plain.toString()).out()).doesNotContain("cap_net_raw");
            HelperTransport.Launch launch = new HelperTransport.Launch(plain,
                    concat(lab.lab.src().prefix(), lab.user.prefix()));
            assertThatThrownBy(() -> HelperTransport.start(launch, lab.lab.src()::sourceFor))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.error()).isEqualTo(TransportError.PERMISSION_DENIED);
                        assertThat(e.getMessage()).isEqualTo("the helper is installed without its privilege: "
                                + "run `sudo setcap cap_net_raw+ep " + plain + "`");
                    });
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    @Test
    void missingHelperIsReportedWithWhereItWasLooked() {
        HelperLocator locator = new HelperLocator(Map.of(HelperLocator.ENV, "/nonexistent/hopscope-helper"),
                java.util.Optional.empty(), Path.of("/"));
        assertThatThrownBy(locator::locate).isInstanceOf(TransportException.class)
                .hasMessageContaining("HOPSCOPE_HELPER=/nonexistent/hopscope-helper is not an executable file");
    }

    private static Map<String, String> procStatus(long pid) throws Exception {
        Map<String, String> m = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            int c = line.indexOf(':');
            if (c > 0) {
                m.put(line.substring(0, c), line.substring(c + 1).strip());
            }
        }
        return m;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> c = new java.util.ArrayList<>(a);
        c.addAll(b);
        return c;
    }
}
