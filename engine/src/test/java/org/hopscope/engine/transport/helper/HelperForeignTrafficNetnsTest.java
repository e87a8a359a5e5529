package org.hopscope.engine.transport.helper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hopscope.engine.netns.HelperLab;
import org.hopscope.engine.netns.LabTopology;
import org.hopscope.engine.netns.RecordingTransport;
import org.hopscope.engine.netns.Traces;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.TransportEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Raw sockets see every process's ICMP. While other processes ping and traceroute from the source
 * namespace, and a router pings it, the helper must hand the engine nothing but answers to its own
 * probes, and count the rest as foreign.
 */
class HelperForeignTrafficNetnsTest {
    private static HelperLab lab;

    @BeforeAll
    static void start() {
        lab = HelperLab.start("ping", "traceroute");
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void foreignIcmpNeverReachesTheEngine() throws Exception {
        try (HelperTransport t = lab.transport()) {
            long foreignBefore = t.stats().foreign();
            String target = LabTopology.TARGET4.getHostAddress();
            List<Process> noise = List.of(
                    lab.lab.src().spawn("ping", "-n", "-c", "40", "-i", "0.02", target),
                    lab.lab.src().spawn("ping", "-n", "-c", "20", "-i", "0.05", "-t", "2", target),
                    lab.lab.src().spawn("traceroute", "-n", "-q", "1", "-m", "4", "-w", "1", target),
                    lab.lab.node("r1").spawn("ping", "-n", "-c", "20", "-i", "0.05", LabTopology.SOURCE4.getHostAddress()));
            List<RecordingTransport> recorders = new ArrayList<>();
            for (ProbeProtocol p : List.of(ProbeProtocol.ICMP, ProbeProtocol.UDP, ProbeProtocol.ICMP)) {
                RecordingTransport rec = new RecordingTransport(t);
                TraceSnapshot s = Traces.run(rec, Traces.lab(LabTopology.TARGET4).protocol(p).build(), LabTopology.TARGET4);
                assertThat(s.status()).isEqualTo(TraceStatus.REACHED);
                assertThat(s.unmatchedReplies()).as("replies the engine could not place").isZero();
                recorders.add(rec);
                Thread.sleep(LabTopology.RATE_LIMIT_MS + 50L);
            }
            for (Process p : noise) {
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            for (RecordingTransport rec : recorders) {
                for (TransportEvent.Received r : rec.received()) {
                    assertThat(rec.sent()).as("every reply names one of our probes").containsKey(r.tokenHint());
                }
            }
            long foreign = t.stats().foreign() - foreignBefore;
            System.out.println("foreign packets dropped by the helper during the traces: " + foreign);
            assertThat(foreign).as("the pings' replies and time exceeded were counted as foreign").isGreaterThanOrEqualTo(40);
        }
    }
}
