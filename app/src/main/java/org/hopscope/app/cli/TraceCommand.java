package org.hopscope.app.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hopscope.engine.HopscopeVersion;
import org.hopscope.engine.format.TraceDocumentWriter;
import org.hopscope.engine.format.TraceTextRenderer;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/**
 * {@code hopscope trace [options] TARGET}: one paris-traceroute-style trace, printed as text (or as the
 * JSON trace document with {@code --json}) when it ends. The transport's one-line summary goes to
 * stderr first; errors are one {@code hopscope: ...} line on stderr.
 *
 * <p>Exit status: {@value #OK} the trace ran (reached or not, or stopped by the user), {@value
 * #TRANSPORT_FAILED} the transport failed (whatever was measured is still printed), {@value #USAGE}
 * bad usage (flag, value, unresolvable target, no transport).
 */
public final class TraceCommand {
    public static final int OK = 0;
    public static final int TRANSPORT_FAILED = 1;
    public static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final TransportChooser chooser;
    private final TargetResolver resolver;
    private boolean stopOnShutdown;

    public TraceCommand(PrintStream out, PrintStream err, TransportChooser chooser, TargetResolver resolver) {
        this.out = out;
        this.err = err;
        this.chooser = chooser;
        this.resolver = resolver;
    }

    public TraceCommand(PrintStream out, PrintStream err) {
        this(out, err, new TransportChooser(), new TargetResolver());
    }

    /**
     * Stop the trace and still print its results when the JVM is asked to exit (Ctrl-C), as
     * traceroute users expect. Only for the real process: tests run in a shared JVM.
     */
    public TraceCommand stopOnShutdown(boolean v) {
        stopOnShutdown = v;
        return this;
    }

    /** Runs the command with the arguments after {@code trace}; returns the exit status. */
    public int run(List<String> args) {
        if (InSessionCommand.wanted(args)) {
            return new InSessionCommand(out, err).run(args); // its own options: docs/insession.md
        }
        TraceOptions options;
        EnrichmentOptions enrichment;
        try {
            enrichment = EnrichmentOptions.extract(args);
            options = TraceOptions.parse(enrichment.rest());
        } catch (UsageException e) {
            return usage(e);
        }
        if (options.help()) {
            out.print(TraceOptions.USAGE);
            out.flush();
            return OK;
        }
        if (options.version()) {
            out.println(HopscopeVersion.NAME + " " + HopscopeVersion.VERSION);
            out.flush();
            return OK;
        }
        TransportChooser.Choice choice;
        try {
            choice = chooser.choose(options);
        } catch (UsageException e) {
            return usage(e);
        }
        try (ProbeTransport transport = choice.transport()) {
            if (!options.targetGiven()) {
                if (choice.defaultTarget() == null) {
                    return usage(new UsageException("the simulated network has no host to trace; give a TARGET"));
                }
                options = options.withTarget(choice.defaultTarget());
            }
            TraceSettings settings = options.settings();
            InetAddress target;
            try {
                target = resolver.resolve(settings.target(), settings.ipVersion(), choice.localNames());
            } catch (UsageException e) {
                return usage(e);
            }
            TraceRun tracer;
            try {
                tracer = TraceRun.create(settings, transport, target);
            } catch (TransportException e) {
                err.println("hopscope: " + e.getMessage());
                err.flush();
                return TRANSPORT_FAILED;
            } catch (IllegalArgumentException e) {
                return usage(new UsageException(e.getMessage()));
            }
            TraceEnrichment extras;
            try {
                extras = TraceEnrichment.start(settings, enrichment, options.simulate() != null);
            } catch (UsageException e) {
                return usage(e);
            }
            err.println(transport.info().summary());
            err.flush();
            TraceSnapshot snapshot;
            try (TraceEnrichment x = extras) {
                tracer.listener(x.listener());
                snapshot = runAndPrint(tracer, options, x, transport, target);
            }
            if (snapshot.status() == TraceStatus.FAILED) {
                err.println("hopscope: the trace stopped because the transport failed: "
                        + (snapshot.statusDetail().isEmpty() ? "unknown error" : snapshot.statusDetail()));
                err.flush();
                return TRANSPORT_FAILED;
            }
            return OK;
        } catch (IOException e) {
            err.println("hopscope: cannot write the output: " + e.getMessage());
            err.flush();
            return TRANSPORT_FAILED;
        }
    }

    /**
     * Runs the trace and prints it. With {@link #stopOnShutdown}, a shutdown hook (Ctrl-C) stops the
     * trace and waits, a bounded time, for what was measured to be printed.
     */
    private TraceSnapshot runAndPrint(TraceRun tracer, TraceOptions options, TraceEnrichment extras,
            ProbeTransport transport, InetAddress target) throws IOException {
        CountDownLatch printed = new CountDownLatch(1);
        Thread hook = null;
        if (stopOnShutdown) {
            Thread runner = Thread.currentThread();
            hook = new Thread(() -> {
                tracer.stop();
                runner.interrupt(); // wakes a transport blocked in poll; the trace ends as STOPPED
                try {
                    printed.await(3, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "hopscope-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            TraceSnapshot snapshot = tracer.run();
            if (snapshot.status() != TraceStatus.FAILED && snapshot.status() != TraceStatus.STOPPED) {
                extras.discoverMtu(options.settings(), transport, target, err);
            }
            extras.settle(snapshot);
            print(options, snapshot, extras);
            return snapshot;
        } finally {
            printed.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it has been released above
                }
            }
        }
    }

    private void print(TraceOptions options, TraceSnapshot snapshot, TraceEnrichment extras) throws IOException {
        if (options.json()) {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            extras.decorate(new TraceDocumentWriter(), snapshot).writeTo(snapshot, w);
            w.flush();
        } else {
            if (snapshot.settings().algorithm().multipath()) {
                MultipathText.render(snapshot, out);
            } else {
                extras.decorate(new TraceTextRenderer()).showIpId(options.showIpId())
                        .showReplyTtl(options.showReplyTtl()).renderTo(snapshot, out);
            }
            for (String line : extras.mtuLines()) {
                out.println(line);
            }
            if (!snapshot.settings().algorithm().multipath()) {
                MultipathText.findings(snapshot, out);
            }
        }
        out.flush();
        if (options.dotFile() != null) {
            MultipathText.writeDot(snapshot, java.nio.file.Path.of(options.dotFile()));
        }
    }

    private int usage(UsageException e) {
        err.println("hopscope: " + e.getMessage());
        err.flush();
        return USAGE;
    }
}
