package org.hopscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceOptionsTest {

    private static TraceOptions parse(String... args) throws UsageException {
        return TraceOptions.parse(Arrays.asList(args));
    }

    @Test
    void defaultsAreParisTraceroutes() throws Exception {
        TraceOptions o = parse("example.net");
        assertThat(o.settings()).isEqualTo(TraceSettings.builder("example.net").build());
        assertThat(o.settings().sourcePort()).isEqualTo(33456);
        assertThat(o.settings().destinationPort()).isEqualTo(33457);
        assertThat(o.settings().maxTtl()).isEqualTo(30);
        assertThat(o.settings().probesPerHop()).isEqualTo(3);
        assertThat(o.settings().maxMissingHops()).isEqualTo(3);
        assertThat(o.settings().method()).isEqualTo(ProbeMethod.PARIS);
        assertThat(o.showIpId()).isFalse();
        assertThat(o.showReplyTtl()).isFalse();
        assertThat(o.json()).isFalse();
        assertThat(o.simulate()).isNull();
        assertThat(o.help()).isFalse();
        assertThat(o.version()).isFalse();
        assertThat(o.targetGiven()).isTrue();
    }

    @Test
    void everyValueFlag() throws Exception {
        TraceSettings s = parse("-a", "hopbyhop", "-b", "77", "-d", "4000", "-f", "2", "-m", "20", "-M", "5", "-p",
                "icmp", "-q", "4", "-s", "5000", "-t", "16", "-T", "10", "-w", "750", "-L", "120", "host").settings();
        assertThat(s.algorithm()).isEqualTo(Algorithm.HOPBYHOP);
        assertThat(s.initialProbeId()).isEqualTo(77);
        assertThat(s.destinationPort()).isEqualTo(4000);
        assertThat(s.firstTtl()).isEqualTo(2);
        assertThat(s.maxTtl()).isEqualTo(20);
        assertThat(s.maxMissingHops()).isEqualTo(5);
        assertThat(s.protocol()).isEqualTo(ProbeProtocol.ICMP);
        assertThat(s.probesPerHop()).isEqualTo(4);
        assertThat(s.sourcePort()).isEqualTo(5000);
        assertThat(s.tos()).isEqualTo(16);
        assertThat(s.delay()).isEqualTo(Duration.ofMillis(10));
        assertThat(s.waitTime()).isEqualTo(Duration.ofMillis(750));
        assertThat(s.packetLength()).isEqualTo(120);
        assertThat(s.target()).isEqualTo("host");
    }

    @Test
    void everyAlgorithmAndProtocol() throws Exception {
        for (Algorithm a : List.of(Algorithm.HOPBYHOP, Algorithm.PACKETBYPACKET, Algorithm.CONCURRENT,
                Algorithm.SCOUT)) {
            assertThat(parse("-a", a.cliName(), "h").settings().algorithm()).isEqualTo(a);
        }
        assertThat(parse("-a", "HopByHop", "h").settings().algorithm()).isEqualTo(Algorithm.HOPBYHOP);
        for (ProbeProtocol p : ProbeProtocol.values()) {
            assertThat(parse("-p", p.cliName(), "h").settings().protocol()).isEqualTo(p);
        }
    }

    @Test
    void booleanFlags() throws Exception {
        TraceOptions o = parse("-n", "-i", "-l", "-4", "--classic", "--json", "h");
        assertThat(o.settings().numeric()).isTrue();
        assertThat(o.showIpId()).isTrue();
        assertThat(o.showReplyTtl()).isTrue();
        assertThat(o.settings().ipVersion()).isEqualTo(4);
        assertThat(o.settings().method()).isEqualTo(ProbeMethod.CLASSIC);
        assertThat(o.json()).isTrue();
        assertThat(parse("-6", "h").settings().ipVersion()).isEqualTo(6);
        assertThat(parse("-4", "-4", "h").settings().ipVersion()).isEqualTo(4);
    }

    @Test
    void getoptStyleBundlingAndAttachedValues() throws Exception {
        TraceOptions o = parse("-nil", "-q5", "-nm", "12", "h");
        assertThat(o.settings().numeric()).isTrue();
        assertThat(o.showIpId()).isTrue();
        assertThat(o.showReplyTtl()).isTrue();
        assertThat(o.settings().probesPerHop()).isEqualTo(5);
        assertThat(o.settings().maxTtl()).isEqualTo(12);
        assertThat(parse("h", "-n").settings().numeric()).isTrue(); // options after the target too
    }

    @Test
    void tcpDefaultsToPort80UnlessGiven() throws Exception {
        assertThat(parse("-p", "tcp", "h").settings().destinationPort()).isEqualTo(80);
        assertThat(parse("-p", "tcp", "-d", "443", "h").settings().destinationPort()).isEqualTo(443);
        assertThat(parse("-d", "443", "-p", "tcp", "h").settings().destinationPort()).isEqualTo(443);
    }

    @Test
    void simulateTakesSeparateOrAttachedValueAndMakesTheTargetOptional() throws Exception {
        assertThat(parse("--simulate", "demo", "www").simulate()).isEqualTo("demo");
        TraceOptions o = parse("--simulate=topo/x.topo");
        assertThat(o.simulate()).isEqualTo("topo/x.topo");
        assertThat(o.targetGiven()).isFalse();
        assertThat(o.withTarget("dst").settings().target()).isEqualTo("dst");
        assertThat(o.withTarget("dst").targetGiven()).isTrue();
    }

    @Test
    void doubleDashEndsOptions() throws Exception {
        assertThat(parse("-n", "--", "-weird-name").settings().target()).isEqualTo("-weird-name");
    }

    @Test
    void helpAndVersionNeedNoTarget() throws Exception {
        assertThat(parse("--help").help()).isTrue();
        assertThat(parse("-h").help()).isTrue();
        assertThat(parse("--version").version()).isTrue();
        assertThat(parse("-V").version()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''                              | a target is required",
        "-n                              | a target is required",
        "a b                             | unexpected argument 'b'",
        "-x h                            | unknown option -x",
        "-v h                            | unknown option -v",
        "--frob h                        | unknown option --frob",
        "--json=yes h                    | option --json takes no value",
        "h --simulate                    | option --simulate needs a value",
        "--simulate= h                   | --simulate: the network name or topology file is empty",
        "h -q                            | option -q needs a value",
        "-a fast h                       | -a: unknown algorithm 'fast' (expected hopbyhop, packetbypacket, concurrent, scout, exhaustive or lite)",
        "--classic -a lite h             | -a lite needs Paris probes",
        "--classic --multipath h         | -a lite needs Paris probes",
        "h --dot                         | option --dot needs a file name",
        "--multipath=1 h                 | option --multipath takes no value",
        "-p sctp h                       | -p: unknown protocol 'sctp'",
        "-b 0 h                          | -b: initial probe id must be 1..65534, got 0",
        "-b 65535 h                      | -b: initial probe id must be 1..65534, got 65535",
        "-d 0 h                          | -d: destination port must be 1..65535, got 0",
        "-d 70000 h                      | -d: destination port must be 1..65535, got 70000",
        "-f 0 h                          | -f: first TTL must be 1..255, got 0",
        "-m 256 h                        | -m: max TTL must be 1..255, got 256",
        "-f 10 -m 5 h                    | first TTL 10 exceeds max TTL 5",
        "-M 0 h                          | -M: max missing hops must be 1..255, got 0",
        "-q 0 h                          | -q: probes per hop must be 1..100, got 0",
        "-q 101 h                        | -q: probes per hop must be 1..100, got 101",
        "-q three h                      | -q: 'three' is not a whole number",
        "-q 1.5 h                        | -q: '1.5' is not a whole number",
        "-q 99999999999 h                | -q: '99999999999' is not a whole number",
        "-s -1 h                         | -s: source port must be 1..65535, got -1",
        "-t 256 h                        | -t: TOS must be 0..255, got 256",
        "-T -5 h                         | -T: delay must be 0..3600000, got -5",
        "-w 0 h                          | -w: wait time must be 1..3600000, got 0",
        "-L 70000 h                      | -L: packet length must be 0..65000, got 70000",
        "-4 -6 h                         | -4 and -6 cannot be used together",
    })
    void badUsage(String args, String message) {
        List<String> list = args.isEmpty() ? List.of() : List.of(args.split(" "));
        assertThatThrownBy(() -> TraceOptions.parse(list)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void blankTargetIsRejected() {
        assertThatThrownBy(() -> parse(" ")).isInstanceOf(UsageException.class).hasMessage("the target is empty");
    }
}
