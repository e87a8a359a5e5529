package org.hopscope.engine.transport.helper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hopscope.engine.netns.Capture;
import org.hopscope.engine.netns.HelperLab;
import org.hopscope.engine.netns.LabTopology;
import org.hopscope.engine.netns.PcapFile;
import org.hopscope.engine.netns.RecordingTransport;
import org.hopscope.engine.netns.Traces;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.TransportEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RTTs the engine reports through the helper, against the wire as tshark sees it in the source
 * namespace: probe and reply frames are found by their exact bytes, and the engine's RTT is compared
 * with (reply frame time - probe frame time).
 */
class HelperRttAccuracyNetnsTest {
    private static HelperLab lab;
    private static HelperTransport helper;

    @BeforeAll
    static void start() throws Exception {
        lab = HelperLab.start("dumpcap", "tshark");
        helper = lab.transport();
    }

    @AfterAll
    static void stop() {
        if (helper != null) {
            helper.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private record Run(TraceSnapshot snapshot, RecordingTransport recorder) {
    }

    @Test
    void engineRttsMatchTheWire() throws Exception {
        List<Run> runs = new ArrayList<>();
        List<PcapFile.Frame> frames;
        try (Capture cap = Capture.start(lab.lab.src(), "r1")) {
            for (int i = 0; i < 6; i++) {
                RecordingTransport rec = new RecordingTransport(helper);
                runs.add(new Run(Traces.run(rec, Traces.lab(LabTopology.TARGET4).protocol(ProbeProtocol.UDP)
                        .sourcePort(33456 + i).waitTime(java.time.Duration.ofMillis(600)).build(), LabTopology.TARGET4), rec));
                // Late answers stay with this trace's recorder (tokens restart with every trace).
                Traces.drain(rec, java.time.Duration.ofMillis(LabTopology.RATE_LIMIT_MS + 50L));
            }
            frames = cap.frames();
        }
        List<Long> diffs = new ArrayList<>();
        for (Run run : runs) {
            for (ProbeRecord p : run.snapshot().probes()) {
                if (!p.isAnswered()) {
                    continue;
                }
                // On veth the reply can arrive inside sendto(): a send time read after it made every RTT 0.
                assertThat(p.reply().rttNanos()).as("RTT of probe " + p.sequence() + " (never clamped to 0)").isPositive();
                byte[] sent = run.recorder().sent().get(p.sequence());
                Optional<TransportEvent.Received> reply = run.recorder().received().stream()
                        .filter(r -> r.tokenHint() == p.sequence()).findFirst();
                Optional<PcapFile.Frame> probeFrame = frames.stream().filter(f -> f.sameIpPacket(sent)).findFirst();
                if (reply.isEmpty() || probeFrame.isEmpty()) {
                    continue;
                }
                byte[] replyBytes = reply.get().ipPacket();
                Optional<PcapFile.Frame> replyFrame = frames.stream().filter(f -> f.sameIpPacket(replyBytes)).findFirst();
                if (replyFrame.isEmpty()) {
                    continue;
                }
                long wire = replyFrame.get().nanos() - probeFrame.get().nanos();
                diffs.add(p.reply().rttNanos() - wire);
            }
        }
        assertThat(diffs).as("matched probe/reply pairs").hasSizeGreaterThan(20);
        List<Long> abs = diffs.stream().map(Math::abs).sorted().toList();
        long median = abs.get(abs.size() / 2);
        long signedMedian = diffs.stream().sorted().toList().get(diffs.size() / 2);
        System.out.printf("RTT accuracy (helper vs tshark, %d replies): median |engine - wire| = %.1f us"
                + " (signed median %.1f us, max %.1f us)%n", abs.size(), median / 1e3, signedMedian / 1e3,
                abs.get(abs.size() - 1) / 1e3);
        assertThat(median).as("median |engine RTT - tshark RTT| in ns").isLessThan(50_000L);
    }
}
