package org.hopscope.app.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hopscope.engine.sim.SimulatedTransport;

/** Runs the command line in-process with captured stdout and stderr. */
final class CliRun {
    record Result(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private CliRun() {
    }

    /**
     * With simulations on the real clock, and a real network that is never reached: tests run in the
     * root namespace, where probing is forbidden, so both real transports refuse to open (the real
     * ones are exercised inside network namespaces by CliTransportNetnsTest).
     */
    static Result run(String... args) {
        return run(offline(), args);
    }

    static final String OFFLINE = "tests never probe the real network from the root namespace";

    static TransportChooser offline() {
        return new TransportChooser(SimulatedTransport.Clock.REAL, new org.hopscope.engine.transport.TransportChooser(
                why -> {
                    throw new org.hopscope.engine.transport.TransportException(
                            org.hopscope.engine.transport.TransportError.UNSUPPORTED, "no helper: " + OFFLINE);
                },
                why -> {
                    throw new org.hopscope.engine.transport.TransportException(
                            org.hopscope.engine.transport.TransportError.UNSUPPORTED, "no sockets: " + OFFLINE);
                }));
    }

    /** With a virtual-clock simulation: instant and repeatable to the microsecond. */
    static Result virtual(String... args) {
        return run(new TransportChooser(SimulatedTransport.Clock.VIRTUAL), args);
    }

    static Result run(TransportChooser chooser, String... args) {
        return runWithInput("", chooser, args);
    }

    static Result runWithInput(String stdin, TransportChooser chooser, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = new Cli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e)
                    .with(chooser, new TargetResolver(name -> {
                        throw new java.net.UnknownHostException(name); // tests never use real DNS
                    }))
                    .run(args);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
