package org.hopscope.app.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hopscope.engine.format.AddressLiterals;
import org.hopscope.engine.insession.InSessionException;
import org.hopscope.engine.insession.InSessionProbe;
import org.hopscope.engine.insession.InSessionResult;
import org.hopscope.engine.insession.InSessionSettings;
import org.hopscope.engine.insession.InSessionTracer;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.helper.ConnectionHelper;
import org.hopscope.engine.transport.helper.HelperLocator;
import org.hopscope.engine.transport.helper.HelperTransport;

/**
 * {@code hopscope trace -p tcp-insession [options] TARGET}: a TCP InSession trace (docs/insession.md)
 * through the installed helper. Options: {@code -d PORT} (default 80), {@code -m TTL}, {@code -q N}
 * rounds, {@code -w MS}, {@code -c N} connections (flows), {@code -4}/{@code -6}, {@code -n}.
 * Exit status as {@link TraceCommand}.
 */
public final class InSessionCommand {
    static final String USAGE = """
            Usage: hopscope trace -p tcp-insession [-4|-6] [-d PORT] [-m TTL] [-q N] [-w MS] [-c N] TARGET

            TCP InSession: the kernel opens a real TCP connection to TARGET:PORT and the probes travel
            inside it (one byte past the next expected sequence number, so the server application
            receives nothing), which stateful firewalls let through. Needs the installed helper.
              -d PORT   destination port (default 80)
              -m TTL    maximum TTL (default 30)
              -q N      rounds: probes per hop per connection (default 3)
              -w MS     wait for answers after each round, milliseconds (default 2000)
              -c N      connections, each with its own source port, for multipath (default 1)
              -4, -6    use IPv4 / IPv6 only
              -n        numeric output (always the case here)
            """;

    static final String JSON_UNAVAILABLE = "--json is not available for -p tcp-insession yet: a TCP InSession"
            + " result cannot be written as a trace document (docs/trace-document.md). Run without --json for"
            + " the text output, or use -p tcp for a JSON trace.";

    private final PrintStream out;
    private final PrintStream err;

    public InSessionCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Whether {@code args} ask for this command ({@code -p tcp-insession}). */
    static boolean wanted(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-ptcp-insession") || (a.equals("-p") && i + 1 < args.size() && args.get(i + 1).equals("tcp-insession"))) {
                return true;
            }
        }
        return false;
    }

    public int run(List<String> args) {
        InSessionSettings settings;
        try {
            settings = parse(args);
        } catch (UsageException e) {
            err.println("hopscope: " + e.getMessage());
            err.flush();
            return TraceCommand.USAGE;
        }
        if (settings == null) {
            out.print(USAGE);
            out.flush();
            return TraceCommand.OK;
        }
        try (ConnectionHelper helper = ConnectionHelper.start(HelperTransport.Launch.of(HelperLocator.forThisProcess().locate()))) {
            err.println("TCP InSession to " + AddressLiterals.format(settings.target()) + " port " + settings.port() + ", "
                    + settings.flows() + " connection(s), " + settings.rounds() + " round(s), max " + settings.maxTtl() + " hops");
            err.flush();
            InSessionResult r = new InSessionTracer(helper, p -> { }).trace(settings);
            print(r);
            return TraceCommand.OK;
        } catch (TransportException e) {
            err.println("hopscope: " + e.getMessage());
        } catch (InSessionException e) {
            err.println("hopscope: " + e.getMessage());
        }
        err.flush();
        return TraceCommand.TRANSPORT_FAILED;
    }

    private void print(InSessionResult r) {
        out.println("source ports " + r.sourcePorts().stream().map(String::valueOf).collect(Collectors.joining(","))
                + (r.timestamps() ? ", timestamps on" : ", no timestamps"));
        for (InSessionResult.Hop hop : r.hops()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%2d ", hop.ttl()));
            InetAddress last = null;
            for (InSessionProbe p : hop.probes()) {
                if (p.answer().isEmpty()) {
                    line.append(" *");
                    continue;
                }
                InSessionProbe.Answer a = p.answer().get();
                if (!a.from().equals(last)) {
                    line.append("  ").append(AddressLiterals.format(a.from()));
                    if (a.kind() == InSessionProbe.Kind.DESTINATION) {
                        line.append(" [sack]");
                    }
                    last = a.from();
                }
                line.append(String.format(Locale.ROOT, "  %.3f ms", a.rttNanos() / 1e6));
            }
            out.println(line);
        }
        out.println(r.reached() ? "reached " + AddressLiterals.format(r.target()) + " at hop " + r.destinationTtl().getAsInt()
                : "destination not reached");
        out.flush();
    }

    /** The settings, or null when help was asked for. */
    static InSessionSettings parse(List<String> args) throws UsageException {
        int port = InSessionSettings.DEFAULT_PORT;
        int maxTtl = 30;
        int rounds = 3;
        int flows = 1;
        int waitMs = 2000;
        int ipVersion = 0;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "-n" -> { }
                case "-4" -> ipVersion = 4;
                case "-6" -> ipVersion = 6;
                case "-p" -> i++; // tcp-insession, checked by wanted()
                case "-ptcp-insession" -> { }
                // An InSession result has no ProbeRecords with our own probe layout (its probes are
                // segments of the kernel's connection), so it is not a TraceSnapshot and the trace
                // document cannot carry it without a schema change: say so instead of printing text.
                case "--json" -> throw new UsageException(JSON_UNAVAILABLE);
                case "-d", "-m", "-q", "-w", "-c" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(a + " needs a value");
                    }
                    String v = args.get(++i);
                    switch (a) {
                        case "-d" -> port = number(a, v, 1, 65535);
                        case "-m" -> maxTtl = number(a, v, 1, 255);
                        case "-q" -> rounds = number(a, v, 1, 100);
                        case "-w" -> waitMs = number(a, v, 1, 60_000);
                        default -> flows = number(a, v, 1, 32);
                    }
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new UsageException("option " + a + " is not available with -p tcp-insession (see --help)");
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.size() != 1) {
            throw new UsageException(positional.isEmpty() ? "a target is required" : "only one target can be traced");
        }
        InetAddress target = new TargetResolver().resolve(positional.get(0), ipVersion, null);
        return new InSessionSettings(target, port, maxTtl, rounds, flows, Duration.ofMillis(waitMs), Duration.ofSeconds(5));
    }

    private static int number(String flag, String v, int lo, int hi) throws UsageException {
        if (!v.matches("[0-9]{1,9}")) {
            throw new UsageException(flag + ": '" + v + "' is not a whole number");
        }
        int n = Integer.parseInt(v);
        if (n < lo || n > hi) {
            throw new UsageException(flag + ": must be " + lo + ".." + hi + ", got " + n);
        }
        return n;
    }
}
