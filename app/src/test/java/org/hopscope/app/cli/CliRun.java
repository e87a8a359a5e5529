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

    static Result run(String... args) {
        return run(new TransportChooser(), args);
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
