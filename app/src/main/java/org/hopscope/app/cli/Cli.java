package org.hopscope.app.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.hopscope.engine.HopscopeVersion;

/** The command line: {@code hopscope COMMAND [options]}. Returns exit statuses; never calls System.exit. */
public final class Cli {
    public static final String USAGE = """
            Usage: hopscope [COMMAND [options]]

            Path diagnosis for load-balanced, NAT-ed, firewalled networks.
            Without a command, opens the desktop window.

            Commands:
              trace    trace the path to a host, paris-traceroute style (text or --json)
              show     print a saved trace document as traceroute text
              check    helpdesk connectivity check: verdict per segment, report for a ticket

            Options:
              -h, --help       print this help ('hopscope COMMAND --help' for a command's options)
              -V, --version    print the version

            Try: hopscope trace --simulate demo
            """;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private TransportChooser chooser = new TransportChooser();
    private TargetResolver resolver = new TargetResolver();
    private boolean stopOnShutdown;

    public Cli(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** For tests: another transport chooser (e.g. a virtual-clock simulation) and name lookup. */
    public Cli with(TransportChooser c, TargetResolver r) {
        this.chooser = c;
        this.resolver = r;
        return this;
    }

    /** For the real process: Ctrl-C stops a trace and prints what it measured. */
    public Cli stopOnShutdown(boolean v) {
        this.stopOnShutdown = v;
        return this;
    }

    /** Runs {@code args} (at least one); returns the exit status. */
    public int run(String... args) {
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        String command = args.length == 0 ? "--help" : args[0];
        switch (command) {
            case "trace":
                return new TraceCommand(out, err, chooser, resolver).stopOnShutdown(stopOnShutdown).run(rest);
            case "show":
                return new ShowCommand(in, out, err).run(rest);
            case "check":
                return new CheckCommand(out, err).run(rest);
            case "help":
            case "-h":
            case "--help":
                if (!rest.isEmpty() && rest.get(0).equals("trace")) {
                    out.print(TraceOptions.USAGE);
                } else if (!rest.isEmpty() && rest.get(0).equals("check")) {
                    out.print(CheckCommand.usage());
                } else if (!rest.isEmpty() && rest.get(0).equals("show")) {
                    out.print(ShowCommand.USAGE);
                } else {
                    out.print(USAGE);
                }
                out.flush();
                return 0;
            case "-V":
            case "--version":
                out.println(HopscopeVersion.NAME + " " + HopscopeVersion.VERSION);
                out.flush();
                return 0;
            default:
                err.println("hopscope: unknown command '" + command + "' (try 'hopscope --help')");
                err.flush();
                return TraceCommand.USAGE;
        }
    }
}
