package org.hopscope.engine.insession;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hopscope.engine.netns.ChildJvm;
import org.hopscope.engine.netns.Cmd;
import org.hopscope.engine.netns.InSessionLab;
import org.hopscope.engine.netns.InstalledHelper;
import org.hopscope.engine.netns.TestUser;

/**
 * bench/insession-bench.sh: on the {@link InSessionLab} (stateful firewall before the destination,
 * 3 routers, destination at hop 4), runs {@code traceroute -T}, {@code tcptraceroute}, classic
 * {@code traceroute} (UDP) and Hopscope's TCP InSession (unprivileged, installed helper) REPS times
 * each, every run with a freshly loaded firewall, and prints wall time and completeness: how many of
 * the 4 hops answered, how many of the 12 probes (3 per hop) up to the destination were answered, and
 * whether the destination was reached. Also what the server application received.
 */
public final class InSessionBench {
    private static final int HOPS = 4;
    private static final int Q = 3;

    private InSessionBench() {
    }

    record Run(String tool, double wallMs, int hops, int probes, boolean reached) {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String> serverLines = Collections.synchronizedList(new ArrayList<>());
        try (InSessionLab lab = InSessionLab.build(); InstalledHelper helper = InstalledHelper.install(lab.run());
                ChildJvm jvm = ChildJvm.prepare(lab.run())) {
            TestUser user = TestUser.ensure();
            Process server = new ProcessBuilder(jvm.command(lab.node("dst"), null, CountingServer.class.getName(),
                    List.of("80"))).redirectErrorStream(true).start();
            BufferedReader sr = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            if (!"READY".equals(sr.readLine())) {
                throw new IllegalStateException("the server in dst did not start");
            }
            Thread t = new Thread(() -> {
                try {
                    for (String l; (l = sr.readLine()) != null;) {
                        serverLines.add(l);
                    }
                } catch (IOException e) {
                    // killed
                }
            });
            t.setDaemon(true);
            t.start();
            try {
                String dst = InSessionLab.target(false).getHostAddress();
                Map<String, List<String>> tools = new LinkedHashMap<>();
                tools.put("traceroute -T", List.of("traceroute", "-n", "-T", "-p", "80", "-q", "3", "-w", "1", "-m", "8", dst));
                tools.put("tcptraceroute", List.of("tcptraceroute", "-n", "-q", "3", "-w", "1", "-m", "8", dst, "80"));
                tools.put("traceroute (UDP)", List.of("traceroute", "-n", "-q", "3", "-w", "1", "-m", "8", dst));
                List<Run> runs = new ArrayList<>();
                for (int rep = 0; rep < reps; rep++) {
                    for (Map.Entry<String, List<String>> e : tools.entrySet()) {
                        lab.firewall(InSessionLab.FIREWALL);
                        long t0 = System.nanoTime();
                        Cmd.Result r = lab.node("src").tryExec(Duration.ofSeconds(120), e.getValue().toArray(new String[0]));
                        double ms = (System.nanoTime() - t0) / 1e6;
                        runs.add(classic(e.getKey(), ms, r.out(), dst));
                    }
                    lab.firewall(InSessionLab.FIREWALL);
                    long t0 = System.nanoTime();
                    Cmd.Result r = jvm.run(lab.node("src"), user, Duration.ofSeconds(120), InSessionMain.class.getName(),
                            List.of("target=" + dst, "port=80", "helper=" + helper.binary(), "maxttl=8", "rounds=3",
                                    "flows=1", "wait-ms=1000"));
                    double ms = (System.nanoTime() - t0) / 1e6;
                    runs.add(inSession("hopscope tcp-insession", ms, r.out()));
                    runs.add(inSession("  (engine only, no JVM start)", engineMs(r.out(), "WALL_MS "), r.out()));
                    runs.add(inSession("  (trace only, helper running)", engineMs(r.out(), "TRACE_MS "), r.out()));
                }
                print(runs, reps);
                Cmd.run("sleep", "1");
                long conns = serverLines.stream().filter(l -> l.startsWith("CONN ")).count();
                long bytes = serverLines.stream().filter(l -> l.startsWith("CONN "))
                        .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
                System.out.println("server application: " + conns + " connections ended, " + bytes + " bytes received in total");
            } finally {
                server.destroyForcibly();
            }
        }
    }

    /** traceroute/tcptraceroute text: hop lines "N  addr  x ms  y ms  *". */
    static Run classic(String tool, double ms, String out, String dst) {
        int hops = 0;
        int probes = 0;
        boolean reached = false;
        for (String line : out.lines().toList()) {
            String[] w = line.trim().split("\\s+");
            if (w.length < 2 || !w[0].matches("\\d+")) {
                continue;
            }
            int ttl = Integer.parseInt(w[0]);
            if (ttl > HOPS) {
                continue;
            }
            int answered = 0;
            for (String x : w) {
                if (x.equals("ms")) {
                    answered++;
                }
            }
            probes += Math.min(Q, answered);
            hops += answered > 0 ? 1 : 0;
            reached |= ttl == HOPS && line.contains(dst) && answered > 0;
        }
        return new Run(tool, ms, hops, probes, reached);
    }

    static Run inSession(String tool, double ms, String out) {
        int hops = 0;
        int probes = 0;
        for (String line : out.lines().toList()) {
            if (line.startsWith("HOP ")) {
                String[] w = line.split(" ");
                int ttl = Integer.parseInt(w[1]);
                int answered = Integer.parseInt(w[3].split("/")[0]);
                if (ttl <= HOPS) {
                    probes += Math.min(Q, answered);
                    hops += answered > 0 ? 1 : 0;
                }
            }
        }
        return new Run(tool, ms, hops, probes, out.contains("REACHED " + HOPS));
    }

    private static double engineMs(String out, String key) {
        return out.lines().filter(l -> l.startsWith(key)).mapToDouble(l -> Double.parseDouble(l.substring(key.length())))
                .findFirst().orElse(Double.NaN);
    }

    private static void print(List<Run> runs, int reps) {
        System.out.printf(Locale.ROOT, "%-32s %10s %10s %12s %9s%n", "tool (" + reps + " runs each)", "median ms",
                "hops/4", "probes/12", "reached");
        Map<String, List<Run>> by = new LinkedHashMap<>();
        runs.forEach(r -> by.computeIfAbsent(r.tool(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<Run>> e : by.entrySet()) {
            List<Run> rs = e.getValue();
            double[] ms = rs.stream().mapToDouble(Run::wallMs).sorted().toArray();
            String hops = String.join(",", rs.stream().map(r -> Integer.toString(r.hops())).toList());
            String probes = String.join(",", rs.stream().map(r -> Integer.toString(r.probes())).toList());
            long reached = rs.stream().filter(Run::reached).count();
            System.out.printf(Locale.ROOT, "%-32s %10.0f %10s %12s %6d/%d%n", e.getKey(), ms[ms.length / 2], hops, probes,
                    reached, rs.size());
        }
    }
}
