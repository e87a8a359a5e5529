package org.hopscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hopscope.app.Main;
import org.hopscope.engine.format.TraceDocumentReader;
import org.hopscope.engine.netns.ChildJvm;
import org.hopscope.engine.netns.Cmd;
import org.hopscope.engine.netns.HelperLab;
import org.hopscope.engine.netns.LabTopology;
import org.hopscope.engine.netns.Truth;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.TransportInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code hopscope trace} for real: the application's own main runs in a child JVM inside the lab's
 * source namespace as the unprivileged test user, exactly as a user would run it, with the helper
 * installed (cap_net_raw), installed without its capability, or missing ({@code $HOPSCOPE_HELPER}
 * points at each). The CLI must say on stderr and in the JSON which transport it used, fall back to
 * unprivileged sockets with the reason, refuse clearly what nothing can do, and keep every result when
 * the helper is killed mid-trace.
 */
class CliTransportNetnsTest {
    private static final String TARGET = LabTopology.TARGET4.getHostAddress();
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static HelperLab lab;
    private static ChildJvm jvm;
    private static Path noCap;

    @BeforeAll
    static void start() throws IOException {
        lab = HelperLab.start();
        jvm = ChildJvm.prepare(lab.lab.run());
        noCap = lab.helper.binary().resolveSibling("hopscope-helper-nocap");
        Files.copy(lab.helper.binary(), noCap); // a copy does not carry the file capability
    }

    @AfterAll
    static void stop() throws IOException {
        if (noCap != null) {
            Files.deleteIfExists(noCap);
        }
        if (jvm != null) {
            jvm.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static Cmd.Result cli(String helper, String... args) {
        List<String> a = new ArrayList<>(List.of("trace"));
        a.addAll(List.of(args));
        return jvm.run(lab.lab.src(), lab.user, LIMIT, Map.of("HOPSCOPE_HELPER", helper), Main.class.getName(), a);
    }

    private static TraceSnapshot json(Cmd.Result r) throws Exception {
        return TraceDocumentReader.read(new StringReader(r.out()));
    }

    private static Map<Integer, Set<InetAddress>> truth(ProbeProtocol protocol, int sport, int dport) {
        String branch = lab.lab.branchTaken(protocol, false, sport, dport);
        Map<Integer, Set<InetAddress>> want = new TreeMap<>();
        Truth.expected(lab.lab.path(branch, false)).forEach((ttl, a) -> want.put(ttl, Set.of(a)));
        return want;
    }

    @Test
    void installedHelperIsUsedAndNamedOnStderrAndInTheJson() throws Exception {
        for (ProbeProtocol p : List.of(ProbeProtocol.UDP, ProbeProtocol.TCP)) {
            Cmd.Result r = cli(lab.helper.binary().toString(), "--json", "-n", "-q", "1", "-w", "600", "-p", p.cliName(),
                    TARGET);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err().lines().findFirst().orElse("")).startsWith("transport: helper (");
            TraceSnapshot s = json(r);
            assertThat(s.transport().kind()).isEqualTo(TransportInfo.Kind.HELPER);
            assertThat(s.status()).isEqualTo(TraceStatus.REACHED);
            int dport = p == ProbeProtocol.TCP ? LabTopology.TCP_PORT : 33457;
            assertThat(Truth.found(s)).as(p + "\n" + r.out()).isEqualTo(truth(p, 33456, dport));
        }
    }

    @Test
    void withoutAHelperTheUnprivilegedTransportIsUsedAndSaysWhy() throws Exception {
        Cmd.Result r = cli("/nonexistent/hopscope-helper", "--json", "-n", "-q", "1", "-w", "600", "-p", "icmp", TARGET);
        assertThat(r.exit()).as(r.err()).isZero();
        String summary = r.err().lines().findFirst().orElse("");
        assertThat(summary).startsWith("transport: datagram (")
                .contains("HOPSCOPE_HELPER=/nonexistent/hopscope-helper is not an executable file").contains("no TCP probes");
        TraceSnapshot s = json(r);
        assertThat(s.transport().kind()).isEqualTo(TransportInfo.Kind.DATAGRAM);
        assertThat(s.transport().limitations()).anyMatch(l -> l.contains("HOPSCOPE_HELPER=/nonexistent"));
        assertThat(s.status()).isEqualTo(TraceStatus.REACHED);
        assertThat(Truth.found(s)).isEqualTo(truth(ProbeProtocol.ICMP, 33456, 0));
    }

    @Test
    void helperWithoutItsCapabilityIsExplainedAndForcingItFails() throws Exception {
        Cmd.Result auto = cli(noCap.toString(), "-n", "-q", "1", "-w", "600", TARGET);
        assertThat(auto.exit()).as(auto.err()).isZero();
        assertThat(auto.err().lines().findFirst().orElse("")).startsWith("transport: datagram (")
                .contains("run `sudo setcap cap_net_raw+ep " + noCap + "`");
        assertThat(auto.out()).contains(TARGET);

        Cmd.Result forced = cli(noCap.toString(), "--transport", "helper", "-n", TARGET);
        assertThat(forced.exit()).isEqualTo(TraceCommand.USAGE);
        assertThat(forced.out()).isEmpty();
        assertThat(forced.err()).startsWith("hopscope: the helper is installed without its privilege: run `sudo setcap "
                + "cap_net_raw+ep " + noCap + "` [permission_denied]");
    }

    @Test
    void tcpWithoutTheHelperIsRefusedWithTheReason() {
        Cmd.Result r = cli("/nonexistent/hopscope-helper", "-n", "-p", "tcp", TARGET);
        assertThat(r.exit()).isEqualTo(TraceCommand.USAGE);
        assertThat(r.err()).startsWith("hopscope: TCP probes need the native helper (no TCP probes), and "
                + "HOPSCOPE_HELPER=/nonexistent/hopscope-helper is not an executable file");
    }

    @Test
    void unprivilegedCanBeForcedEvenWithTheHelperInstalled() throws Exception {
        Cmd.Result r = cli(lab.helper.binary().toString(), "--transport", "unprivileged", "--json", "-n", "-q", "1",
                "-w", "600", TARGET);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("transport: datagram (").contains("the unprivileged transport was asked for");
        assertThat(json(r).transport().kind()).isEqualTo(TransportInfo.Kind.DATAGRAM);
        assertThat(Truth.found(json(r))).isEqualTo(truth(ProbeProtocol.UDP, 33456, 33457));
    }

    @Test
    void helperKilledMidTraceGivesAClearErrorAndKeepsTheResults() throws Exception {
        Process cli = jvm.start(lab.lab.src(), lab.user, Map.of("HOPSCOPE_HELPER", lab.helper.binary().toString()),
                Main.class.getName(), List.of("trace", "--json", "-n", "-a", "packetbypacket", "-T", "150", "-w", "600",
                        TARGET));
        try {
            CompletableFuture<String> out = slurp(cli.getInputStream());
            CompletableFuture<String> err = slurp(cli.getErrorStream());
            long helperPid = awaitHelper(Duration.ofSeconds(30));
            Thread.sleep(1500); // about ten probes, one every 150 ms
            Cmd.check("kill", "-9", Long.toString(helperPid)); // by pid: the one helper this test started
            assertThat(cli.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            String stderr = err.get(5, TimeUnit.SECONDS);
            assertThat(cli.exitValue()).as(stderr).isEqualTo(TraceCommand.TRANSPORT_FAILED);
            assertThat(stderr.lines().toList()).last().asString()
                    .startsWith("hopscope: the trace stopped because the transport failed: the helper ")
                    .contains("was killed by signal 9 (SIGKILL)");
            TraceSnapshot s = TraceDocumentReader.read(new StringReader(out.get(5, TimeUnit.SECONDS)));
            assertThat(s.status()).isEqualTo(TraceStatus.FAILED);
            long answered = s.probes().stream().filter(ProbeRecord::isAnswered).count();
            assertThat(answered).as("replies received before the kill are in the document").isGreaterThanOrEqualTo(4);
            System.out.println("CLI after kill -9 of the helper: exit " + cli.exitValue() + ", " + answered
                    + " answered probes kept; " + stderr.strip().replace('\n', '|'));
        } finally {
            cli.destroyForcibly();
        }
    }

    /** The pid of the helper the CLI started in the source namespace (comm "hopscope-helper"). */
    private static long awaitHelper(Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            for (long pid : lab.lab.src().pids()) {
                try {
                    if (Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip().equals("hopscope-helper")) {
                        return pid;
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the CLI started no helper within " + limit);
    }

    private static CompletableFuture<String> slurp(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try {
                in.transferTo(b);
            } catch (IOException e) {
                // the process ended
            }
            return b.toString(StandardCharsets.UTF_8);
        });
    }
}
