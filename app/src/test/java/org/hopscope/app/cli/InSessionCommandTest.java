package org.hopscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hopscope.engine.insession.InSessionSettings;
import org.junit.jupiter.api.Test;

/** {@code hopscope trace -p tcp-insession}: option parsing and routing (the real run is InSessionNetnsTest). */
class InSessionCommandTest {

    @Test
    void routedOnlyForTcpInsession() {
        assertThat(InSessionCommand.wanted(List.of("-p", "tcp-insession", "x"))).isTrue();
        assertThat(InSessionCommand.wanted(List.of("-ptcp-insession", "x"))).isTrue();
        assertThat(InSessionCommand.wanted(List.of("-p", "tcp", "x"))).isFalse();
        assertThat(InSessionCommand.wanted(List.of("tcp-insession"))).isFalse();
    }

    @Test
    void parsesItsOptions() throws Exception {
        InSessionSettings s = InSessionCommand.parse(List.of("-p", "tcp-insession", "-d", "443", "-m", "12", "-q", "2",
                "-w", "500", "-c", "4", "198.18.43.2"));
        assertThat(s.port()).isEqualTo(443);
        assertThat(s.maxTtl()).isEqualTo(12);
        assertThat(s.rounds()).isEqualTo(2);
        assertThat(s.flows()).isEqualTo(4);
        assertThat(s.waitTime().toMillis()).isEqualTo(500);
        assertThat(s.target().getHostAddress()).isEqualTo("198.18.43.2");
        InSessionSettings d = InSessionCommand.parse(List.of("-p", "tcp-insession", "2001:db8::1"));
        assertThat(d.port()).isEqualTo(80);
        assertThat(d.rounds()).isEqualTo(3);
        assertThat(InSessionCommand.parse(List.of("-p", "tcp-insession", "--help"))).isNull();
    }

    @Test
    void badUsageIsATypedError() {
        assertThatThrownBy(() -> InSessionCommand.parse(List.of("-p", "tcp-insession", "-d", "0", "198.18.43.2")))
                .isInstanceOf(UsageException.class).hasMessageContaining("-d: must be 1..65535");
        assertThatThrownBy(() -> InSessionCommand.parse(List.of("-p", "tcp-insession", "-a", "mda", "198.18.43.2")))
                .isInstanceOf(UsageException.class).hasMessageContaining("-a is not available");
        assertThatThrownBy(() -> InSessionCommand.parse(List.of("-p", "tcp-insession")))
                .isInstanceOf(UsageException.class).hasMessageContaining("target is required");
        assertThatThrownBy(() -> InSessionCommand.parse(List.of("-p", "tcp-insession", "-6", "198.18.43.2")))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void traceCommandPrintsTheInsessionUsageAndExitsTwoOnBadUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TraceCommand c = new TraceCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(c.run(List.of("-p", "tcp-insession", "--help"))).isEqualTo(TraceCommand.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("TCP InSession");
        assertThat(c.run(List.of("-p", "tcp-insession", "-q", "abc", "198.18.43.2"))).isEqualTo(TraceCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("hopscope: -q: 'abc' is not a whole number");
    }

    @Test
    void jsonIsAClearUsageErrorNotTextOrATrace() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TraceCommand c = new TraceCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        // the helper is never started: the refusal comes before any connection is opened
        assertThat(c.run(List.of("-p", "tcp-insession", "--json", "198.18.43.2"))).isEqualTo(TraceCommand.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("hopscope: --json is not available for -p tcp-insession")
                .contains("-p tcp");
        assertThat(c.run(List.of("-ptcp-insession", "198.18.43.2", "--json"))).isEqualTo(TraceCommand.USAGE);
    }
}
