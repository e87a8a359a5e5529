package org.hopscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.hopscope.app.cli.CliRun.Result;
import org.hopscope.engine.format.TraceDocumentReader;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.sim.SimulatedTransport;
import org.hopscope.engine.sim.Topology;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end, in-process: {@code hopscope trace --simulate unequal-lb} in text and JSON. */
class TraceCommandTest {
    private static final Pattern HEADER = Pattern.compile(
            "traceroute \\[\\(198\\.18\\.0\\.2:33456\\) -> \\(198\\.18\\.7\\.10:33457\\)\\], protocol udp, "
                    + "algo concurrent, duration \\d+ s");
    private static final String SUMMARY =
            "transport: simulated (UDP, ICMP, TCP; IPv4+IPv6); simulated network: no packet leaves this machine";

    /** unequal-lb's documented layout: TTL 1 gw, 2 isp, 3 lb, then one branch of the balancer. */
    @Test
    void textTraceOfUnequalLbInRealTime() {
        Result r = CliRun.run("trace", "--simulate", "unequal-lb", "dst");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.errLines()).containsExactly(SUMMARY);
        List<String> lines = r.outLines();
        // The findings (PathAnalysis) follow the hop lines.
        assertThat(lines).contains("Findings:");
        lines = lines.subList(0, lines.indexOf("Findings:"));
        assertThat(lines.get(0)).matches(HEADER);
        assertThat(lines.get(1)).startsWith(" 1  198.18.0.1 (198.18.0.1)  ").endsWith(" ms");
        assertThat(lines.get(2)).startsWith(" 2  198.18.1.1 (198.18.1.1)  ");
        assertThat(lines.get(3)).startsWith(" 3  198.18.2.1 (198.18.2.1)  ");
        assertThat(lines.get(lines.size() - 1)).matches("\\s?\\d+  198\\.18\\.7\\.10 \\(198\\.18\\.7\\.10\\)  .*");
        // Paris traceroute: one flow, so one address per hop: no "(" after the first one.
        for (String hop : lines.subList(1, lines.size())) {
            assertThat(hop.chars().filter(c -> c == '(').count()).as(hop).isEqualTo(1);
            assertThat(hop).matches(" ?\\d+  .*").doesNotContain("*").doesNotEndWith(" ");
        }
    }

    @Test
    void targetDefaultsToTheNetworksFirstHost() {
        Result r = CliRun.virtual("trace", "--simulate", "unequal-lb", "-n");
        assertThat(r.status()).isZero();
        assertThat(r.outLines().get(0)).contains("-> (198.18.7.10:33457)");
    }

    @Test
    void sameTextEveryRunWithTheVirtualClock() {
        Result a = CliRun.virtual("trace", "--simulate", "demo", "-n", "-i", "-l", "www");
        Result b = CliRun.virtual("trace", "--simulate", "demo", "-n", "-i", "-l", "www");
        assertThat(a.status()).isZero();
        assertThat(a.out()).isEqualTo(b.out());
        assertThat(a.out()).contains("{").contains("] ").containsPattern("\\[\\d+\\]");
    }

    @Test
    void classicProbesSeeBothBranchesParisSeesOne() {
        Result paris = CliRun.virtual("trace", "--simulate", "unequal-lb", "-n", "-q", "6", "dst");
        Result classic = CliRun.virtual("trace", "--simulate", "unequal-lb", "-n", "-q", "6", "--classic", "dst");
        assertThat(addressesAt(paris, 4)).hasSize(1);
        assertThat(addressesAt(classic, 4)).hasSizeGreaterThan(1);
    }

    private static List<String> addressesAt(Result r, int ttl) {
        String line = r.outLines().get(ttl);
        return Pattern.compile("198\\.18\\.\\d+\\.\\d+").matcher(line).results().map(m -> m.group()).distinct()
                .toList();
    }

    @Test
    void jsonTraceOfUnequalLbReadsBack() throws Exception {
        Result r = CliRun.run("trace", "--simulate", "unequal-lb", "--json", "dst");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.errLines()).containsExactly(SUMMARY);
        assertThat(r.out()).startsWith("{\n  \"schema\": \"hopscope-trace\",\n  \"version\": 1,");
        TraceSnapshot s = TraceDocumentReader.read(new StringReader(r.out()));
        assertThat(s.status()).isEqualTo(TraceStatus.REACHED);
        assertThat(s.settings().target()).isEqualTo("dst");
        assertThat(s.resolvedAddress()).isEqualTo(InetAddress.getByName("198.18.7.10"));
        assertThat(s.sourceAddress()).isEqualTo(InetAddress.getByName("198.18.0.2"));
        assertThat(s.transport().kind()).isEqualTo(TransportInfo.Kind.SIMULATED);
        assertThat(s.hops().get(0).interfaces().get(0).address()).isEqualTo(InetAddress.getByName("198.18.0.1"));
        assertThat(s.hops().get(s.hops().size() - 1).reachedDestination()).isTrue();
        assertThat(s.hops()).allMatch(h -> h.interfaces().size() == 1);
        assertThat(s.probes()).isNotEmpty();
        assertThat(s.finishedEpochMicros()).isGreaterThanOrEqualTo(s.startedEpochMicros());
    }

    @Test
    void jsonAndTextAgreeThroughShow(@TempDir Path dir) throws Exception {
        Result json = CliRun.virtual("trace", "--simulate", "demo", "--json", "-6", "www");
        Result text = CliRun.virtual("trace", "--simulate", "demo", "-6", "www");
        Path file = dir.resolve("trace.json");
        Files.writeString(file, json.out());
        Result shown = CliRun.run("show", file.toString());
        assertThat(shown.status()).as(shown.err()).isZero();
        assertThat(shown.out()).isEqualTo(text.out());
        assertThat(shown.out()).contains("2001:db8:90::80");
        Result fromStdin = CliRun.runWithInput(json.out(), new TransportChooser(), "show", "-n", "-");
        assertThat(fromStdin.status()).isZero();
        // -n: no "name (address)" pairs in the hop lines (the findings after them name addresses in parentheses).
        assertThat(fromStdin.out().substring(0, fromStdin.out().indexOf("Findings:"))).doesNotContain("(2001:db8");
    }

    @Test
    void everyAlgorithmAndProtocolRuns() {
        for (String algo : new String[] {"hopbyhop", "packetbypacket", "concurrent", "scout"}) {
            for (String proto : new String[] {"udp", "icmp", "tcp"}) {
                Result r = CliRun.virtual("trace", "--simulate", "unequal-lb", "-a", algo, "-p", proto, "-w", "500",
                        "dst");
                assertThat(r.status()).as(algo + "/" + proto + ": " + r.err()).isZero();
                assertThat(r.outLines().get(0)).contains("protocol " + proto + ", algo " + algo);
                assertThat(r.outLines()).hasSizeGreaterThan(3);
            }
        }
    }

    @Test
    void transportFailureMidTracePrintsResultsAndExits1() {
        TransportChooser failing = new TransportChooser(SimulatedTransport.Clock.VIRTUAL) {
            @Override
            public Choice choose(TraceOptions options) throws UsageException {
                Choice c = super.choose(options);
                return new Choice(new FailAfter(c.transport(), 3), c.localNames(), c.defaultTarget());
            }
        };
        Result r = CliRun.run(failing, "trace", "--simulate", "unequal-lb", "-a", "hopbyhop", "-n", "dst");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(0)).startsWith("transport: simulated");
        assertThat(r.errLines().get(1)).isEqualTo(
                "hopscope: the trace stopped because the transport failed: helper crashed");
        assertThat(r.outLines().get(0)).startsWith("traceroute [");
        assertThat(r.outLines()).hasSizeGreaterThan(1);
    }

    @Test
    void jsonOfAFailedTraceKeepsStatusAndDetail() throws Exception {
        TransportChooser failing = new TransportChooser(SimulatedTransport.Clock.VIRTUAL) {
            @Override
            public Choice choose(TraceOptions options) throws UsageException {
                Choice c = super.choose(options);
                return new Choice(new FailAfter(c.transport(), 2), c.localNames(), c.defaultTarget());
            }
        };
        Result r = CliRun.run(failing, "trace", "--simulate", "unequal-lb", "--json", "dst");
        assertThat(r.status()).isEqualTo(1);
        TraceSnapshot s = TraceDocumentReader.read(new StringReader(r.out()));
        assertThat(s.status()).isEqualTo(TraceStatus.FAILED);
        assertThat(s.statusDetail()).isEqualTo("helper crashed");
    }

    @Test
    void settingsReachTheDocument() throws Exception {
        Result r = CliRun.virtual("trace", "--simulate", "unequal-lb", "--json", "--classic", "-a", "hopbyhop", "-q",
                "2", "-m", "12", "-f", "2", "-s", "40000", "-d", "40001", "-t", "8", "-w", "900", "-T", "1", "-b",
                "500", "-M", "4", "-L", "80", "-n", "198.18.7.10");
        assertThat(r.status()).as(r.err()).isZero();
        TraceSnapshot s = TraceDocumentReader.read(new StringReader(r.out()));
        assertThat(s.settings().method()).isEqualTo(ProbeMethod.CLASSIC);
        assertThat(s.settings().probesPerHop()).isEqualTo(2);
        assertThat(s.settings().maxTtl()).isEqualTo(12);
        assertThat(s.settings().firstTtl()).isEqualTo(2);
        assertThat(s.settings().sourcePort()).isEqualTo(40000);
        assertThat(s.settings().destinationPort()).isEqualTo(40001);
        assertThat(s.settings().tos()).isEqualTo(8);
        assertThat(s.settings().waitTime().toMillis()).isEqualTo(900);
        assertThat(s.settings().delay().toMillis()).isEqualTo(1);
        assertThat(s.settings().initialProbeId()).isEqualTo(500);
        assertThat(s.settings().maxMissingHops()).isEqualTo(4);
        assertThat(s.settings().packetLength()).isEqualTo(80);
        assertThat(s.settings().numeric()).isTrue();
        assertThat(s.hops().get(0).ttl().value()).isEqualTo(2);
        assertThat(s.probes().get(0).probeId().value()).isEqualTo(500);
        assertThat(s.hops()).extracting(HopSnapshot::ttl).allMatch(t -> t.value() >= 2);
    }

    @Test
    void builtInNetworksAllTrace() {
        for (String name : Topology.builtInNames()) {
            Result r = CliRun.virtual("trace", "--simulate", name, "-n", "-w", "1000");
            assertThat(r.status()).as(name + ": " + r.err()).isZero();
            assertThat(r.outLines().get(0)).startsWith("traceroute [");
        }
    }

    /** Passes everything through, then fails the transport on the n-th poll, as a crashed helper would. */
    private static final class FailAfter implements ProbeTransport {
        private final ProbeTransport inner;
        private int polls;

        FailAfter(ProbeTransport inner, int polls) {
            this.inner = inner;
            this.polls = polls;
        }

        @Override
        public TransportInfo info() {
            return inner.info();
        }

        @Override
        public InetAddress sourceAddressFor(InetAddress destination) throws TransportException {
            return inner.sourceAddressFor(destination);
        }

        @Override
        public long nanoTime() {
            return inner.nanoTime();
        }

        @Override
        public void send(long token, byte[] ipPacket, long timeoutNanos) throws TransportException {
            inner.send(token, ipPacket, timeoutNanos);
        }

        @Override
        public List<TransportEvent> poll(long deadlineNanos) throws TransportException, InterruptedException {
            if (--polls < 0) {
                throw new TransportException(TransportError.TRANSPORT_FAILED, "helper crashed");
            }
            return inner.poll(deadlineNanos);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
