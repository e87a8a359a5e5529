package org.hopscope.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hopscope.engine.analysis.Finding;
import org.hopscope.engine.analysis.PathAnalysis;
import org.hopscope.engine.graph.Balancer;
import org.hopscope.engine.graph.DotWriter;
import org.hopscope.engine.graph.FlowLists;
import org.hopscope.engine.graph.MultipathTopology;
import org.hopscope.engine.graph.TopologyBuilder;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * The text of a multipath trace, as paris-traceroute(8) {@code -a exhaustive} prints it: a header,
 * then per TTL every interface followed by the flows that reached it ({@code addr:0,1,3  0.539 ms}),
 * then the load balancers and their kind, then the findings of {@link PathAnalysis}.
 */
final class MultipathText {
    private MultipathText() {
    }

    static void render(TraceSnapshot s, PrintStream out) {
        TraceSettings st = s.settings();
        MultipathTopology t = TopologyBuilder.build(s);
        out.printf(Locale.ROOT, "traceroute [(%s:%d) -> (%s:%d)], protocol %s, algo %s, %d hops max%n",
                s.sourceAddress().getHostAddress(), st.sourcePort(), s.resolvedAddress().getHostAddress(),
                st.destinationPort(), st.protocol().name().toLowerCase(Locale.ROOT), st.algorithm().cliName(),
                st.maxTtl());
        out.print(FlowLists.render(t));
        for (Balancer b : t.balancers()) {
            out.printf(Locale.ROOT, "load balancer %s (hop %d): %d next hops, %s%n",
                    b.address() == null ? "?" : b.address().getHostAddress(), b.ttl(), b.nextHops().size(),
                    b.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        out.printf(Locale.ROOT, "%d probes sent, %s%s%n", s.probesSent(),
                s.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                s.statusDetail().isEmpty() ? "" : ": " + s.statusDetail());
        print(PathAnalysis.analyze(s, t), out);
    }

    /** The findings of a single-path trace, after its traceroute-style lines. */
    static void findings(TraceSnapshot s, PrintStream out) {
        print(PathAnalysis.analyze(s), out);
    }

    private static void print(List<Finding> findings, PrintStream out) {
        if (findings.isEmpty()) {
            return;
        }
        out.println("Findings:");
        for (Finding f : findings) {
            out.println("  " + f.line());
        }
    }

    static void writeDot(TraceSnapshot s, Path file) throws IOException {
        Files.writeString(file, new DotWriter().write(TopologyBuilder.build(s)), StandardCharsets.UTF_8);
    }
}
