package org.hopscope.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.format.TraceDocument;
import org.hopscope.engine.format.TraceDocumentException;
import org.hopscope.engine.format.TraceDocumentReader;
import org.hopscope.engine.format.TraceTextRenderer;

/**
 * {@code hopscope show [-n] [-i] [-l] FILE}: prints a saved trace document (from {@code trace --json}
 * or the desktop app) as paris-traceroute text. {@code -} reads standard input. Never touches the
 * network. Exit status 0, or 2 when the file cannot be read or is not a trace document.
 */
public final class ShowCommand {
    public static final String USAGE = """
            Usage: hopscope show [-n] [-i] [-l] FILE

            Prints a saved trace document (hopscope trace --json > FILE) as traceroute text.
            FILE - reads standard input.

              -n    print hop addresses numerically
              -i    print the IP ID of each reply, as {1234}
              -l    print the TTL of each reply, as [254]
              -h, --help    print this help
            """;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public ShowCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public int run(List<String> args) {
        boolean numeric = false;
        boolean ipId = false;
        boolean replyTtl = false;
        List<String> files = new ArrayList<>();
        boolean optionsDone = false;
        for (String a : args) {
            if (optionsDone || a.equals("-") || !a.startsWith("-")) {
                files.add(a);
            } else if (a.equals("--")) {
                optionsDone = true;
            } else if (a.equals("--help")) {
                out.print(USAGE);
                out.flush();
                return 0;
            } else if (a.startsWith("--")) {
                return usage("unknown option " + a + " (try 'hopscope show --help')");
            } else {
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 'n' -> numeric = true;
                        case 'i' -> ipId = true;
                        case 'l' -> replyTtl = true;
                        case 'h' -> {
                            out.print(USAGE);
                            out.flush();
                            return 0;
                        }
                        default -> {
                            return usage("unknown option -" + c + " (try 'hopscope show --help')");
                        }
                    }
                }
            }
        }
        if (files.size() != 1) {
            return usage(files.isEmpty() ? "a trace document FILE is required (try 'hopscope show --help')"
                    : "unexpected argument '" + files.get(1) + "' (one FILE at a time)");
        }
        String file = files.get(0);
        TraceDocument doc;
        try (Reader r = file.equals("-") ? new InputStreamReader(in, StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            doc = TraceDocumentReader.readDocument(r);
        } catch (NoSuchFileException e) {
            return usage(file + ": no such file");
        } catch (IOException e) {
            return usage(file + ": " + e.getMessage());
        } catch (TraceDocumentException e) {
            return usage(file + ": " + e.getMessage());
        }
        TraceTextRenderer renderer = new TraceTextRenderer().showIpId(ipId).showReplyTtl(replyTtl)
                .hostNames(doc.hostNames()::get);
        if (numeric) {
            renderer.numeric(true);
        }
        if (doc.snapshot().settings().algorithm().multipath()) {
            MultipathText.render(doc.snapshot(), out);
        } else {
            out.print(renderer.render(doc.snapshot()));
            MultipathText.findings(doc.snapshot(), out);
        }
        out.flush();
        return 0;
    }

    private int usage(String message) {
        err.println("hopscope: " + message);
        err.flush();
        return 2;
    }
}
