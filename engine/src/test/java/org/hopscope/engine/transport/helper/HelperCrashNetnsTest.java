package org.hopscope.engine.transport.helper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.netns.HelperLab;
import org.hopscope.engine.netns.LabTopology;
import org.hopscope.engine.netns.Traces;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A helper killed mid-trace: the trace fails clearly, keeps what it had, and the next trace works. */
class HelperCrashNetnsTest {
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
    void killedHelperFailsTheTraceKeepsResultsAndIsRestarted() throws Exception {
        try (HelperTransport t = lab.transport()) {
            long firstPid = t.helperPid();
            // One probe at a time, 150 ms apart: the trace is still running when the helper dies.
            TraceSettings slow = Traces.lab(LabTopology.TARGET4).algorithm(Algorithm.PACKETBYPACKET)
                    .delay(Duration.ofMillis(150)).build();
            Tracer tracer = new Tracer(slow, t, LabTopology.TARGET4);
            CompletableFuture<TraceSnapshot> running = CompletableFuture.supplyAsync(tracer::run);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (answered(tracer.recorder().snapshot()) < 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long answeredBeforeKill = answered(tracer.recorder().snapshot());
            assertThat(answeredBeforeKill).isGreaterThanOrEqualTo(4);
            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly(); // SIGKILL, by pid

            TraceSnapshot failed = running.get(30, TimeUnit.SECONDS);
            assertThat(failed.status()).isEqualTo(TraceStatus.FAILED);
            assertThat(failed.statusDetail()).contains("was killed by signal 9 (SIGKILL)").contains("hopscope-helper");
            assertThat(answered(failed)).as("every reply received before the crash is kept")
                    .isGreaterThanOrEqualTo(answeredBeforeKill);
            System.out.println("after kill -9: " + failed.status() + ": " + failed.statusDetail() + "; "
                    + answered(failed) + " answered probes kept");

            TraceSnapshot next = Traces.run(t, Traces.lab(LabTopology.TARGET4).build(), LabTopology.TARGET4);
            assertThat(next.status()).isEqualTo(TraceStatus.REACHED);
            assertThat(t.restarts()).isEqualTo(1);
            assertThat(t.helperPid()).isNotEqualTo(firstPid);
        }
    }

    private static long answered(TraceSnapshot s) {
        return s.probes().stream().filter(ProbeRecord::isAnswered).count();
    }
}
