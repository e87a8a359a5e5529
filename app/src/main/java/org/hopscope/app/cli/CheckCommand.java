package org.hopscope.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.check.CheckReport;
import org.hopscope.engine.check.CheckReportWriter;
import org.hopscope.engine.check.CheckSettings;
import org.hopscope.engine.check.CheckTarget;
import org.hopscope.engine.check.CheckTargetList;
import org.hopscope.engine.check.ConnectivityCheck;
import org.hopscope.engine.check.EnvironmentDiscovery;
import org.hopscope.engine.check.PrivacyMask;
import org.hopscope.engine.check.SimulatedCheck;
import org.hopscope.engine.check.Status;
import org.hopscope.engine.enrich.Enricher;
import org.hopscope.engine.enrich.EnricherConfig;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.transport.TransportChooser;

/**
 * {@code hopscope check [options] [TARGET...]}: the helpdesk connectivity check (docs/check.md). Prints
 * the text summary for a ticket (or the JSON report with {@code --json}); {@code --report FILE} saves
 * the JSON report too. The exit status says the overall verdict, so scripts can use it.
 */
public final class CheckCommand {
    public static final int GOOD = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int DEGRADED = 3;
    public static final int BROKEN = 4;

    public static final String USAGE_TEXT = """
            Usage: hopscope check [options] [TARGET[:PORT]...]

            Checks connectivity to each TARGET (port 443 unless given) in parallel within a fixed
            time: finds the default gateway and DNS servers, times name resolution and a TCP
            connection, traces the path (TCP to the port, else UDP, else ICMP) continuously, and
            gives a verdict per segment: local network, ISP edge, transit, destination network,
            service. Without TARGET, the targets listed in the user's settings are checked:
            %s (one host[:port] a line).

            Options:
              --budget SECONDS      how long the check runs (default 60; 1..600)
              --json                print the JSON report instead of the text summary
              --report FILE         also save the JSON report (with every trace) to FILE
              --mask                hide this machine's name and the host part of its address
              --dns-server ADDR[:PORT]
                                    resolve targets (and hop names, AS numbers) with this server
                                    instead of resolv.conf's
              -n, --numeric         no hop names and AS numbers (segments then cut by position)
              --as-zone ZONE        IP-to-ASN zone in Team Cymru's format instead of asn.cymru.com
              --simulate NET        check a simulated network (a built-in name or a topology file)
              -h, --help            print this help

            Exit status: 0 good, 3 degraded, 4 broken, 1 the check could not run, 2 bad usage.
            """;

    private final PrintStream out;
    private final PrintStream err;

    public CheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static String usage() {
        return String.format(USAGE_TEXT, CheckTargetList.defaultFile());
    }

    public int run(List<String> args) {
        long budgetSeconds = 60;
        boolean json = false;
        boolean mask = false;
        Path report = null;
        InetSocketAddress dns = null;
        String simulate = null;
        boolean numeric = false;
        String asZone = null;
        List<CheckTarget> targets = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                LongOption o = LongOption.split(a);
                String name = o.name();
                String value = o.value();
                switch (name) {
                    case "-h", "--help" -> {
                        out.print(usage());
                        out.flush();
                        return GOOD;
                    }
                    case "--json" -> json = true;
                    case "--mask" -> mask = true;
                    case "-n", "--numeric" -> numeric = true;
                    case "--budget", "--report", "--dns-server", "--simulate", "--as-zone" -> {
                        if (value == null) {
                            if (i + 1 >= args.size()) {
                                throw new UsageException("option " + name + " needs a value");
                            }
                            value = args.get(++i);
                        }
                        switch (name) {
                            case "--budget" -> budgetSeconds = budget(value);
                            case "--report" -> report = Path.of(value);
                            case "--dns-server" -> dns = EnrichmentOptions.server(value);
                            case "--as-zone" -> asZone = value;
                            default -> simulate = value;
                        }
                    }
                    default -> {
                        if (a.startsWith("-")) {
                            throw new UsageException("unknown option " + a + " (try 'hopscope check --help')");
                        }
                        try {
                            targets.add(CheckTarget.parse(a));
                        } catch (IllegalArgumentException e) {
                            throw new UsageException("target: " + e.getMessage());
                        }
                    }
                }
            }
            if (targets.isEmpty()) {
                targets = defaultTargets();
            }
        } catch (UsageException e) {
            err.println("hopscope: " + e.getMessage());
            err.flush();
            return USAGE;
        }
        CheckSettings settings = CheckSettings.defaults().withBudget(Duration.ofSeconds(budgetSeconds));
        if (dns != null) {
            settings = settings.withDnsServers(List.of(dns));
        }
        ConnectivityCheck check;
        if (simulate != null) {
            try {
                check = SimulatedCheck.create(settings, org.hopscope.app.cli.TransportChooser.loadTopology(simulate));
            } catch (UsageException e) {
                err.println("hopscope: " + e.getMessage());
                err.flush();
                return USAGE;
            }
        } else {
            check = new ConnectivityCheck(settings, EnvironmentDiscovery.system()::discover,
                    () -> TransportChooser.system().choose(ProbeProtocol.UDP).transport());
        }
        err.println("hopscope: checking " + targets.size() + " target(s) for " + budgetSeconds + " s ...");
        err.flush();
        CheckReport r;
        // Names and AS numbers: on the real network unless -n; a simulated one only with --dns-server.
        boolean enrich = !numeric && (simulate == null || dns != null);
        EnricherConfig.Builder ec = EnricherConfig.builder();
        if (dns != null) {
            ec.dnsServer(dns);
        }
        if (asZone != null) {
            ec.cymruZone(asZone);
        }
        try (Enricher enricher = enrich ? Enricher.create(ec.build()) : null) {
            if (enricher != null) {
                check.enrichment(enricher, Duration.ofSeconds(3));
            }
            r = check.run(targets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("hopscope: the check was interrupted");
            return FAILED;
        } catch (RuntimeException e) {
            err.println("hopscope: the check failed: " + e.getMessage());
            return FAILED;
        }
        CheckReportWriter w = new CheckReportWriter(mask ? PrivacyMask.ON : PrivacyMask.OFF);
        String doc = w.json(r);
        if (report != null) {
            try {
                Files.writeString(report, doc, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("hopscope: cannot write the report " + report + ": " + e.getMessage());
                err.flush();
                return FAILED;
            }
        }
        out.print(json ? doc : w.text(r));
        out.flush();
        return exitStatus(r.status());
    }

    static int exitStatus(Status s) {
        return switch (s) {
            case GOOD -> GOOD;
            case DEGRADED -> DEGRADED;
            case BROKEN -> BROKEN;
            case UNKNOWN -> FAILED;
        };
    }

    private static long budget(String v) throws UsageException {
        if (!v.matches("[0-9]{1,4}")) {
            throw new UsageException("--budget: '" + v + "' is not a whole number of seconds");
        }
        long n = Long.parseLong(v);
        if (n < 1 || n > 600) {
            throw new UsageException("--budget: must be 1..600 seconds, got " + n);
        }
        return n;
    }

    private static List<CheckTarget> defaultTargets() throws UsageException {
        Path file = CheckTargetList.defaultFile();
        List<CheckTarget> t;
        try {
            t = CheckTargetList.load(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (t.isEmpty()) {
            throw new UsageException("no target given and none configured in " + file
                    + " (one host[:port] a line; try 'hopscope check --help')");
        }
        return t;
    }
}
