package org.hopscope.engine.insession;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.hopscope.engine.transport.helper.ConnectionHelper;
import org.hopscope.engine.transport.helper.HelperTransport;

/**
 * An InSession trace as a program, for child JVMs in a namespace and the benchmark. Arguments
 * {@code key=value}: target, port, maxttl, rounds, flows, wait-ms, connect-ms, helper (path). Prints:
 * <pre>
 * PROBE flow sport round ttl seq from|* kind rtt-ns
 * HOP ttl responders answered/sent
 * REACHED ttl | NOT_REACHED
 * ERROR KIND message
 * WALL_MS 123.4
 * </pre>
 */
public final class InSessionMain {
    private InSessionMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String s : args) {
            int eq = s.indexOf('=');
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        InSessionSettings settings = new InSessionSettings(InetAddress.getByName(a.get("target")),
                Integer.parseInt(a.getOrDefault("port", "80")), Integer.parseInt(a.getOrDefault("maxttl", "8")),
                Integer.parseInt(a.getOrDefault("rounds", "3")), Integer.parseInt(a.getOrDefault("flows", "1")),
                Duration.ofMillis(Long.parseLong(a.getOrDefault("wait-ms", "1000"))),
                Duration.ofMillis(Long.parseLong(a.getOrDefault("connect-ms", "3000"))));
        long start = System.nanoTime();
        try (ConnectionHelper h = ConnectionHelper.start(HelperTransport.Launch.of(Path.of(a.get("helper"))))) {
            long traceStart = System.nanoTime();
            System.out.printf("HELPER_MS %.1f%n", (traceStart - start) / 1e6);
            InSessionResult r = new InSessionTracer(h, p -> { }).trace(settings);
            System.out.printf("TRACE_MS %.1f%n", (System.nanoTime() - traceStart) / 1e6);
            for (InSessionProbe p : r.probes()) {
                System.out.println("PROBE " + p.flow() + " " + p.sourcePort() + " " + p.round() + " " + p.ttl() + " "
                        + p.sequence() + " " + p.answer().map(x -> x.from().getHostAddress() + " " + x.kind() + " "
                        + x.rttNanos()).orElse("* NONE -1"));
            }
            for (InSessionResult.Hop hop : r.hops()) {
                System.out.println("HOP " + hop.ttl() + " " + (hop.responders().isEmpty() ? "*"
                        : String.join(",", hop.responders().stream().map(InetAddress::getHostAddress).toList()))
                        + " " + hop.answered() + "/" + hop.probes().size());
            }
            System.out.println(r.reached() ? "REACHED " + r.destinationTtl().getAsInt() : "NOT_REACHED");
            System.out.println("TIMESTAMPS " + r.timestamps());
        } catch (InSessionException e) {
            System.out.println("ERROR " + e.kind() + " " + e.getMessage());
        }
        System.out.printf("WALL_MS %.1f%n", (System.nanoTime() - start) / 1e6);
    }
}
