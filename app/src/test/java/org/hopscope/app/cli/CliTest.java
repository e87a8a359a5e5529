package org.hopscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hopscope.app.cli.CliRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage, help and every error path: an error is exactly one "hopscope: " line on stderr and status 2. */
class CliTest {

    private static void assertUsageError(Result r, String message) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("hopscope: ").contains(message);
    }

    @Test
    void helpListsSubcommands() {
        for (String flag : new String[] {"--help", "-h", "help"}) {
            Result r = CliRun.run(flag);
            assertThat(r.status()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).startsWith("Usage: hopscope [COMMAND [options]]").contains("\n  trace ")
                    .contains("\n  show ");
        }
    }

    @Test
    void versionPrintsNameAndVersion() {
        assertThat(CliRun.run("--version").out()).isEqualTo("Hopscope 0.1.0\n");
        assertThat(CliRun.run("-V").out()).isEqualTo("Hopscope 0.1.0\n");
        assertThat(CliRun.run("trace", "--version").out()).isEqualTo("Hopscope 0.1.0\n");
    }

    @Test
    void traceHelpListsEveryFlag() {
        Result r = CliRun.run("trace", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo(TraceOptions.USAGE);
        for (String flag : new String[] {"-a ALGO", "-b ID", "-d PORT", "-f TTL", "-m TTL", "-M N", "-n ", "-p PROTO",
            "-q N", "-s PORT", "-t TOS", "-T MS", "-w MS", "-L LENGTH", "-i ", "-l ", "-4, -6", "--classic", "--json",
            "--simulate NET", "-h, --help", "-V, --version"}) {
            assertThat(r.out()).contains("  " + flag);
        }
        assertThat(CliRun.run("help", "trace").out()).isEqualTo(TraceOptions.USAGE);
        assertThat(CliRun.run("show", "--help").out()).isEqualTo(ShowCommand.USAGE);
    }

    @Test
    void unknownCommand() {
        assertUsageError(CliRun.run("frobnicate"), "unknown command 'frobnicate'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "trace", "trace -q", "trace -q x h", "trace -m 300 h", "trace -f 9 -m 3 h", "trace --classic -a exhaustive h",
        "trace -p sctp h", "trace -x h", "trace --bogus h", "trace h1 h2", "trace -4 -6 h", "trace --json=1 h",
        "trace -w 0 h", "trace -T -1 h", "trace -t 300 h", "trace -L 99999 h", "trace -b 0 h", "trace -s 0 h",
        "trace -d 65536 h", "trace -M 0 h", "trace -q 0 h", "trace --simulate"})
    void everyBadFlagIsOneLineAndStatus2(String line) {
        Result r = CliRun.run(line.split(" "));
        assertThat(r.status()).as(line + " → " + r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).as(line).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("hopscope: ");
    }

    @Test
    void noUsableRealTransportIsOneLineWithBothReasons() {
        assertUsageError(CliRun.run("trace", "192.0.2.1"), "no usable transport: no helper: " + CliRun.OFFLINE
                + "; and no sockets: " + CliRun.OFFLINE);
        assertUsageError(CliRun.run("trace", "--transport", "helper", "192.0.2.1"), "no helper: " + CliRun.OFFLINE);
        assertUsageError(CliRun.run("trace", "--transport", "simulated", "192.0.2.1"),
                "--transport simulated needs --simulate NET");
        assertUsageError(CliRun.run("trace", "--transport", "helper", "--simulate", "unequal-lb"),
                "cannot be combined with --transport helper");
        assertUsageError(CliRun.run("trace", "--transport", "raw", "h"), "--transport: unknown transport 'raw'");
    }

    @Test
    void unknownBuiltInNetwork() {
        assertUsageError(CliRun.run("trace", "--simulate", "atlantis", "x"), "no built-in network 'atlantis'");
    }

    @Test
    void missingTopologyFile(@TempDir Path dir) {
        assertUsageError(CliRun.run("trace", "--simulate", dir.resolve("none.topo").toString(), "x"),
                "no such topology file");
    }

    @Test
    void brokenTopologyFileNamesItsLine(@TempDir Path dir) throws Exception {
        Path topo = dir.resolve("broken.topo");
        Files.writeString(topo, "source me 10.0.0.1\nrouter r1 10.0.0.2 frobnicate=1\n");
        Result r = CliRun.run("trace", "--simulate", topo.toString(), "r1");
        assertUsageError(r, "--simulate: broken.topo:");
    }

    @Test
    void targetThatDoesNotResolveInTheSimulation() {
        assertUsageError(CliRun.run("trace", "--simulate", "unequal-lb", "no-such-node"),
                "cannot resolve 'no-such-node'");
    }

    @Test
    void literalOfTheWrongFamily() {
        assertUsageError(CliRun.run("trace", "--simulate", "unequal-lb", "-4", "2001:db8:7::10"),
                "is an IPv6 address, but -4 was given");
    }

    @Test
    void showErrors(@TempDir Path dir) throws Exception {
        assertUsageError(CliRun.run("show"), "a trace document FILE is required");
        assertUsageError(CliRun.run("show", "-z", "f"), "unknown option -z");
        assertUsageError(CliRun.run("show", dir.resolve("nope.json").toString()), "no such file");
        Path notJson = dir.resolve("x.json");
        Files.writeString(notJson, "hello");
        assertUsageError(CliRun.run("show", notJson.toString()), "not a valid trace document");
        Files.writeString(notJson, "{\"schema\": \"hopscope-trace\", \"version\": 3}");
        assertUsageError(CliRun.run("show", notJson.toString()),
                "This trace was written by a newer Hopscope (document version 3); this version reads up to 1.");
    }
}
