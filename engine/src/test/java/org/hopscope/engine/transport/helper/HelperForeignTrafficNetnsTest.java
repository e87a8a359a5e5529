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
                for (TransportEvent.Received r : rec.received()) {
                    byte[] probe = rec.sent().get(r.tokenHint());
                    assertThat(probe != null && quotesOrAnswers(r.ipPacket(), probe))
                            .as(p + " reply for probe " + r.tokenHint() + ": " + java.util.HexFormat.of().formatHex(r.ipPacket())
                                    + " probe: " + (probe == null ? "none" : java.util.HexFormat.of().formatHex(probe)))
                            .isTrue();
                }
                // The engine may still leave some unplaced: answers to probes it gave up once the
                // destination answered (concurrent probing sends beyond it). Those are ours too (above).
                System.out.println(p + ": " + rec.received().size() + " replies, all about our probes; "
                        + s.unmatchedReplies() + " of them to probes the engine had given up");
                recorders.add(rec);
                // Late answers (probes beyond the destination) go to this trace's recorder, not the next trace.
                Traces.drain(rec, java.time.Duration.ofMillis(LabTopology.RATE_LIMIT_MS + 50L));
            }
            for (Process p : noise) {
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            long replies = 0;
            for (RecordingTransport rec : recorders) {
                for (TransportEvent.Received r : rec.received()) {
                    assertThat(rec.sent()).as("every reply names one of our probes").containsKey(r.tokenHint());
                    assertThat(quotesOrAnswers(r.ipPacket(), rec.sent().get(r.tokenHint())))
                            .as("the reply handed out for probe " + r.tokenHint() + " is about that probe").isTrue();
                    replies++;
                }
            }
            assertThat(replies).isGreaterThan(20);
            long foreign = t.stats().foreign() - foreignBefore;
            System.out.println("foreign packets dropped by the helper during the traces: " + foreign);
            assertThat(foreign).as("the pings' replies and time exceeded were counted as foreign").isGreaterThanOrEqualTo(40);
        }
    }

    /**
     * Whether {@code reply} is about {@code probe}: an ICMP error quoting the probe's transport header
     * (its first 8 bytes after the IPv4 header), or an echo reply / TCP answer from the probe's
     * destination carrying its identifier or ports.
     */
    static boolean quotesOrAnswers(byte[] reply, byte[] probe) {
        int rh = (reply[0] & 0x0f) * 4;
        int ph = (probe[0] & 0x0f) * 4;
        byte[] probeL4 = java.util.Arrays.copyOfRange(probe, ph, ph + 8);
        if (reply[9] == 1 && reply.length >= rh + 8 + 20 + 8 && reply[rh] != 0) { // ICMP error: header, quoted IP, 8 bytes
            int qh = rh + 8 + (reply[rh + 8] & 0x0f) * 4;
            byte[] quotedL4 = java.util.Arrays.copyOfRange(reply, qh, qh + 4); // ports / type+code+id survive NAT-free
            return java.util.Arrays.equals(quotedL4, java.util.Arrays.copyOf(probeL4, 4))
                    || java.util.Arrays.equals(java.util.Arrays.copyOfRange(reply, qh, qh + 8), probeL4);
        }
        if (reply[9] == 1) { // echo reply: same identifier and sequence as the echo request
            return java.util.Arrays.equals(java.util.Arrays.copyOfRange(reply, rh + 4, rh + 8),
                    java.util.Arrays.copyOfRange(probe, ph + 4, ph + 8));
        }
        return true;
    }
}
