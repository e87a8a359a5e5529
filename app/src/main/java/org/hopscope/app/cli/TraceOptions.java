package org.hopscope.app.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;

/**
 * What {@code hopscope trace} was asked to do.
 *
 * @param settings the trace's settings (target as typed)
 * @param showIpId {@code -i}
 * @param showReplyTtl {@code -l}
 * @param json {@code --json}: print the trace document instead of text
 * @param simulate {@code --simulate}: a built-in network name or a topology file, or null for the real network
 * @param help {@code -h}/{@code --help}: print usage and do nothing else
 * @param version {@code -V}/{@code --version}
 * @param targetGiven false when TARGET was left out, which only {@code --simulate} allows: the
 *     simulated network's first host is traced then (see {@link #withTarget})
 * @param transport {@code --transport}: auto (default), helper, unprivileged or simulated
 * @param dotFile {@code --dot FILE}: also write the multipath topology as Graphviz, or null
 */
public record TraceOptions(
        TraceSettings settings,
        boolean showIpId,
        boolean showReplyTtl,
        boolean json,
        String simulate,
        boolean help,
        boolean version,
        boolean targetGiven,
        String transport,
        String dotFile) {

    /** The values {@code --transport} accepts; "auto" lets the engine pick the best real transport. */
    public static final java.util.List<String> TRANSPORTS = java.util.List.of("auto", "helper", "unprivileged", "simulated");

    /** Placeholder target until {@link #withTarget} supplies the real one. */
    static final String NO_TARGET = "(none)";

    /** These options with another target. */
    public TraceOptions withTarget(String target) {
        return new TraceOptions(settings.toBuilder().target(target).build(), showIpId, showReplyTtl, json, simulate,
                help, version, true, transport, dotFile);
    }

    public static final String USAGE = """
            Usage: hopscope trace [options] TARGET
                   hopscope trace --simulate NET [options] [TARGET]

            Traces the IP-level path to TARGET (a host name or address), paris-traceroute style:
            every probe of a trace carries the same flow identifier, so per-flow load balancers
            keep it on one path. In a simulated network TARGET may be a node name; without it the
            network's first host is traced.

            Options (as paris-traceroute(8)):
              -a ALGO     probing algorithm: hopbyhop, packetbypacket, concurrent, scout
                          (default concurrent), or exhaustive (MDA) or lite (MDA-Lite) to
                          find every load-balanced path, printed as address:flows
              -b ID       initial probe identifier, 1..65534 (default 1)
              -d PORT     UDP/TCP destination port (default 33457; 80 with -p tcp)
              -f TTL      first TTL (default 1)
              -m TTL      maximum TTL (default 30)
              -M N        stop after N consecutive unresponsive hops (default 3)
              -n          print hop addresses numerically
              -p PROTO    probe protocol: udp, icmp, tcp (default udp)
                          (tcp-insession: probes inside a real TCP connection, see
                          'hopscope trace -p tcp-insession --help')
              -q N        probes per hop (default 3)
              -s PORT     UDP/TCP source port (default 33456)
              -t TOS      type of service (IPv6: traffic class), 0..255 (default 0)
              -T MS       delay between probes, in milliseconds (default 0)
              -w MS       time to wait for a reply, in milliseconds (default 5000)
              -L LENGTH   total packet length in bytes (default: the protocol's minimum)
              -i          print the IP ID of each reply, as {1234}
              -l          print the TTL of each reply, as [254]
              -4, -6      use IPv4 only / IPv6 only
            Hopscope options:
              --classic        classic traceroute probes (each probe its own flow) instead of Paris
              --json           print the trace document (JSON, see docs/trace-document.md)
              --multipath      find every load-balanced path with MDA-Lite (same as -a lite)
              --dot FILE       also write the path topology as Graphviz (dot -Tsvg FILE)
              --simulate NET   trace a simulated network: a built-in name or a topology file
              --transport T    how probes are sent: auto (default: the native helper when it is
                               installed, else unprivileged sockets), helper, unprivileged, simulated
              -h, --help       print this help
              -V, --version    print the version

            Output marks after a time: !T0 quoted TTL was 0 (not 1), !H !N !P !X ... unreachable,
            {id} reply IP ID (-i), [ttl] reply TTL (-l). MPLS label stacks follow their hop's line.
            Exit status: 0 the trace ran (whether or not it reached TARGET), 1 the probing
            transport failed during the trace (results so far are printed), 2 bad usage.
            """ + EnrichmentOptions.USAGE;

    /** Options that take a value; all others are flags. */
    private static final String WITH_VALUE = "abdfmMpqstTwL";
    private static final String FLAGS = "nil46hV";

    /** Parses the arguments after {@code trace}. */
    public static TraceOptions parse(List<String> args) throws UsageException {
        Parser p = new Parser();
        List<String> positional = new ArrayList<>();
        boolean optionsDone = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsDone || a.equals("-") || !a.startsWith("-")) {
                positional.add(a);
            } else if (a.equals("--")) {
                optionsDone = true;
            } else if (a.startsWith("--")) {
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                switch (name) {
                    case "--simulate" -> {
                        if (value == null) {
                            if (i + 1 >= args.size()) {
                                throw new UsageException("option --simulate needs a value (a network name or a topology file)");
                            }
                            value = args.get(++i);
                        }
                        if (value.isBlank()) {
                            throw new UsageException("--simulate: the network name or topology file is empty");
                        }
                        p.simulate = value;
                    }
                    case "--transport" -> {
                        if (value == null) {
                            if (i + 1 >= args.size()) {
                                throw new UsageException("option --transport needs a value (" + String.join(", ", TRANSPORTS) + ")");
                            }
                            value = args.get(++i);
                        }
                        if (!TRANSPORTS.contains(value)) {
                            throw new UsageException("--transport: unknown transport '" + value + "' (expected "
                                    + String.join(", ", TRANSPORTS) + ")");
                        }
                        p.transport = value;
                    }
                    case "--dot" -> {
                        if (value == null) {
                            if (i + 1 >= args.size()) {
                                throw new UsageException("option --dot needs a file name");
                            }
                            value = args.get(++i);
                        }
                        if (value.isBlank()) {
                            throw new UsageException("--dot: the file name is empty");
                        }
                        p.dotFile = value;
                    }
                    case "--multipath" -> {
                        if (value != null) {
                            throw new UsageException("option --multipath takes no value");
                        }
                        p.algorithm = Algorithm.LITE;
                    }
                    case "--classic", "--json", "--help", "--version" -> {
                        if (value != null) {
                            throw new UsageException("option " + name + " takes no value");
                        }
                        switch (name) {
                            case "--classic" -> p.method = ProbeMethod.CLASSIC;
                            case "--json" -> p.json = true;
                            case "--help" -> p.help = true;
                            default -> p.version = true;
                        }
                    }
                    default -> throw new UsageException("unknown option " + name + " (try 'hopscope trace --help')");
                }
            } else {
                // One or more short options: -n, -nil, -q3, -q 3, -nq3.
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    if (WITH_VALUE.indexOf(c) >= 0) {
                        String value;
                        if (j + 1 < a.length()) {
                            value = a.substring(j + 1);
                        } else if (i + 1 < args.size()) {
                            value = args.get(++i);
                        } else {
                            throw new UsageException("option -" + c + " needs a value");
                        }
                        p.option(c, value);
                        break;
                    } else if (FLAGS.indexOf(c) >= 0) {
                        p.flag(c);
                    } else {
                        throw new UsageException("unknown option -" + c + " (try 'hopscope trace --help')");
                    }
                }
            }
        }
        if (p.help || p.version) {
            return p.build(positional.isEmpty() ? NO_TARGET : positional.get(0), !positional.isEmpty());
        }
        if (positional.isEmpty()) {
            if (p.simulate != null) {
                return p.build(NO_TARGET, false);
            }
            throw new UsageException("a target is required (try 'hopscope trace --help')");
        }
        if (positional.size() > 1) {
            throw new UsageException("unexpected argument '" + positional.get(1) + "' (only one target can be traced)");
        }
        String target = positional.get(0);
        if (target.isBlank()) {
            throw new UsageException("the target is empty");
        }
        return p.build(target, true);
    }

    private static final class Parser {
        ProbeProtocol protocol = ProbeProtocol.UDP;
        ProbeMethod method = ProbeMethod.PARIS;
        Algorithm algorithm = Algorithm.CONCURRENT;
        Integer initialId;
        Integer dport;
        Integer firstTtl;
        Integer maxTtl;
        Integer maxMissing;
        Integer queries;
        Integer sport;
        Integer tos;
        Integer delayMs;
        Integer waitMs;
        Integer length;
        int ipVersion;
        boolean numeric;
        boolean ipId;
        boolean replyTtl;
        boolean json;
        boolean help;
        boolean version;
        String simulate;
        String transport = "auto";
        String dotFile;

        void flag(char c) throws UsageException {
            switch (c) {
                case 'n' -> numeric = true;
                case 'i' -> ipId = true;
                case 'l' -> replyTtl = true;
                case '4', '6' -> {
                    int v = c - '0';
                    if (ipVersion != 0 && ipVersion != v) {
                        throw new UsageException("-4 and -6 cannot be used together");
                    }
                    ipVersion = v;
                }
                case 'h' -> help = true;
                default -> version = true;
            }
        }

        void option(char c, String v) throws UsageException {
            switch (c) {
                case 'a' -> algorithm = algorithm(v);
                case 'p' -> {
                    try {
                        protocol = ProbeProtocol.parse(v);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("-p: " + e.getMessage());
                    }
                }
                case 'b' -> initialId = number(c, v, "initial probe id", 1, 0xFFFE);
                case 'd' -> dport = number(c, v, "destination port", 1, 65535);
                case 'f' -> firstTtl = number(c, v, "first TTL", 1, 255);
                case 'm' -> maxTtl = number(c, v, "max TTL", 1, 255);
                case 'M' -> maxMissing = number(c, v, "max missing hops", 1, 255);
                case 'q' -> queries = number(c, v, "probes per hop", 1, 100);
                case 's' -> sport = number(c, v, "source port", 1, 65535);
                case 't' -> tos = number(c, v, "TOS", 0, 255);
                case 'T' -> delayMs = number(c, v, "delay", 0, 3_600_000);
                case 'w' -> waitMs = number(c, v, "wait time", 1, 3_600_000);
                default -> length = number(c, v, "packet length", 0, 65000);
            }
        }

        /** paris-traceroute's algorithms, single-path and multipath (exhaustive, lite). */
        private static Algorithm algorithm(String v) throws UsageException {
            try {
                return Algorithm.parse(v);
            } catch (IllegalArgumentException e) {
                throw new UsageException("-a: unknown algorithm '" + v
                        + "' (expected hopbyhop, packetbypacket, concurrent, scout, exhaustive or lite)");
            }
        }

        private static int number(char flag, String v, String what, int lo, int hi) throws UsageException {
            if (!v.matches("-?[0-9]{1,9}")) {
                throw new UsageException("-" + flag + ": '" + v + "' is not a whole number");
            }
            int n = Integer.parseInt(v);
            if (n < lo || n > hi) {
                throw new UsageException("-" + flag + ": " + what + " must be " + lo + ".." + hi + ", got " + n);
            }
            return n;
        }

        TraceOptions build(String target, boolean targetGiven) throws UsageException {
            TraceSettings.Builder b = TraceSettings.builder(target).protocol(protocol).method(method)
                    .algorithm(algorithm).ipVersion(ipVersion).numeric(numeric);
            if (initialId != null) {
                b.initialProbeId(initialId);
            }
            if (dport != null) {
                b.destinationPort(dport);
            }
            if (firstTtl != null) {
                b.firstTtl(firstTtl);
            }
            if (maxTtl != null) {
                b.maxTtl(maxTtl);
            }
            if (maxMissing != null) {
                b.maxMissingHops(maxMissing);
            }
            if (queries != null) {
                b.probesPerHop(queries);
            }
            if (sport != null) {
                b.sourcePort(sport);
            }
            if (tos != null) {
                b.tos(tos);
            }
            if (delayMs != null) {
                b.delay(Duration.ofMillis(delayMs));
            }
            if (waitMs != null) {
                b.waitTime(Duration.ofMillis(waitMs));
            }
            if (length != null) {
                b.packetLength(length);
            }
            if (algorithm.multipath() && method == ProbeMethod.CLASSIC) {
                throw new UsageException("-a " + algorithm.cliName() + " needs Paris probes: a classic probe's flow"
                        + " changes with every packet, so no path can be followed (drop --classic)");
            }
            try {
                return new TraceOptions(b.build(), ipId, replyTtl, json, simulate, help, version, targetGiven,
                        transport, dotFile);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }
}
