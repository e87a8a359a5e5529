package org.hopscope.engine.transport.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hopscope.engine.netns.Capture;
import org.hopscope.engine.netns.HelperLab;
import org.hopscope.engine.netns.LabTopology;
import org.hopscope.engine.netns.PcapFile;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every request kind the helper's policy forbids, sent through the helper in the source namespace
 * while dumpcap captures every interface there: each must be refused with its reason, and the wire
 * must show none of them (an allowed probe sent alongside shows the capture works).
 */
class HelperPolicyNetnsTest {
    private static HelperLab lab;

    @BeforeAll
    static void start() {
        lab = HelperLab.start("dumpcap", "tshark");
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void forbiddenRequestsAreRefusedAndNeverReachTheWire() throws Exception {
        List<ForbiddenPackets.Forbidden> forbidden = ForbiddenPackets.all(LabTopology.SOURCE4, LabTopology.TARGET4,
                LabTopology.SOURCE6, LabTopology.TARGET6);
        byte[] allowed = ForbiddenPackets.allowedUdp(LabTopology.SOURCE4, LabTopology.TARGET4);
        Map<Long, TransportEvent> outcome = new HashMap<>();
        List<PcapFile.Frame> frames;
        try (HelperTransport t = lab.transport(); Capture cap = Capture.start(lab.lab.src(), "any")) {
            for (int i = 0; i < forbidden.size(); i++) {
                t.send(i, forbidden.get(i).packet(), TimeUnit.SECONDS.toNanos(1));
            }
            long control = forbidden.size();
            t.send(control, allowed, TimeUnit.SECONDS.toNanos(1));
            long deadline = t.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (outcome.size() < forbidden.size() + 1 && t.nanoTime() < deadline) {
                for (TransportEvent e : t.poll(deadline)) {
                    if (e instanceof TransportEvent.SendFailed f) {
                        outcome.put(f.token(), f);
                    } else if (e instanceof TransportEvent.Sent s) {
                        outcome.put(s.token(), s);
                    }
                }
            }
            assertThatThrownBy(() -> t.setRate(t.rateCeiling() + 1))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.error()).isEqualTo(TransportError.POLICY);
                        assertThat(e.getMessage()).contains("reason=rate-above-ceiling");
                    });
            assertThat(t.stats().rejected()).isGreaterThanOrEqualTo(forbidden.size() + 1);
            assertThat(outcome.get(control)).as("the allowed control probe").isInstanceOf(TransportEvent.Sent.class);
            frames = cap.frames();
        }
        for (int i = 0; i < forbidden.size(); i++) {
            ForbiddenPackets.Forbidden f = forbidden.get(i);
            assertThat(outcome.get((long) i)).as(f.what()).isInstanceOfSatisfying(TransportEvent.SendFailed.class, e -> {
                assertThat(e.error()).as(f.what()).isEqualTo(TransportError.POLICY);
                assertThat(e.detail()).as(f.what()).contains("reason=" + f.reason());
            });
            assertThat(frames).as(f.what() + " must not be on the wire").noneMatch(fr -> fr.sameIpPacket(f.packet()));
        }
        assertThat(frames).as("the capture saw the allowed probe").anyMatch(fr -> fr.sameIpPacket(allowed));
        assertThat(frames).as("nothing carrying the policy marker but the control probe")
                .filteredOn(fr -> contains(fr.ip(), ForbiddenPackets.MARKER) && !fr.sameIpPacket(allowed)
                        && !isIcmpQuoting(fr.ip()))
                .isEmpty();
        System.out.println("policy: " + forbidden.size() + " forbidden request kinds refused (+ rate above ceiling), "
                + frames.size() + " frames captured, none of them forbidden");
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The destination's port unreachable quotes the allowed probe, marker included. */
    private static boolean isIcmpQuoting(byte[] ip) {
        return (ip[0] >> 4) == 4 && ip[9] == 1;
    }
}
