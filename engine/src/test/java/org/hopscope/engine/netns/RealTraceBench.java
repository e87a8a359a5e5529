package org.hopscope.engine.netns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.helper.HelperTransport;

/**
 * The real-trace benchmark (run by bench/real-trace-bench.sh, never by the test suite): in a fresh
 * {@link LabTopology}, times Hopscope's trace through the installed helper (run as the unprivileged
 * test user) against traceroute, mtr and scamper tracing the same target from the same namespace in
 * the same run, with the same probes per hop and the same wait, and prints a table with ratios, the
 * interfaces each found (same answers?), and the helper's and the JVM's peak memory; then the
 * sustained probe rate through the helper ({@link HelperThroughput}).
 *
 * <p>Arguments: {@code [repetitions]} (default 3; each figure is the median).
 */
public final class RealTraceBench {
    private static final int Q = 3;
    private static final int WAIT_S = 1;
    private static final int MAX_TTL = 16;
    private static final Pattern V4 = Pattern.compile("\\b(198\\.1[89]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private record Row(String tool, List<Double> ms, Set<String> found, String note) {
        double median() {
            List<Double> s = ms.stream().sorted().toList();
            return s.get(s.size() / 2);
        }
    }

    private RealTraceBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        if (!NetnsPreconditions.isRoot()) {
            System.err.println("real-trace-bench: needs root (network namespaces)");
            System.exit(2);
        }
        try (LabTopology lab = LabTopology.build(); InstalledHelper helper = InstalledHelper.install(lab.run());
                ChildJvm jvm = ChildJvm.prepare(lab.run())) {
            TestUser user = TestUser.ensure();
            InetAddress ecmpOnly = lab.address("m", "a1", false);
            bench(lab, helper, user, jvm, LabTopology.TARGET4, "full path: 8 hops over ECMP, NAT, a silent router, an ICMP rate limiter", reps);
            bench(lab, helper, user, jvm, ecmpOnly, "ECMP part: 3 hops, every router answers", reps);
            HelperThroughput.run(lab, helper, user, 50_000);
        }
    }

    private static void bench(LabTopology lab, InstalledHelper helper, TestUser user, ChildJvm jvm, InetAddress target,
            String what, int reps) throws Exception {
        String t = target.getHostAddress();
        Netns src = lab.src();
        List<Row> rows = new ArrayList<>();
        long helperHwm;
        InetAddress source = src.sourceFor(target); // looked up once: `ip route get` costs a process per trace
        try (HelperTransport transport = HelperTransport.start(helper.launch(src, user), d -> source)) {
            for (Algorithm algo : List.of(Algorithm.CONCURRENT, Algorithm.HOPBYHOP)) {
                List<Double> ms = new ArrayList<>();
                Set<String> found = new LinkedHashSet<>();
                Traces.run(transport, settings(t, algo), target); // warm-up: JIT, ARP/neighbour caches
                pause();
                for (int i = 0; i < reps; i++) {
                    long start = System.nanoTime();
                    TraceSnapshot s = Traces.run(transport, settings(t, algo), target);
                    ms.add((System.nanoTime() - start) / 1e6);
                    found = addresses(s);
                    pause();
                }
                rows.add(new Row("hopscope " + algo.name().toLowerCase(java.util.Locale.ROOT) + " (helper, warm JVM)", ms,
                        found, ""));
            }
            helperHwm = TraceMain.vmHwmKb(transport.helperPid());
        }
        // The engine as a command would run it: a fresh JVM as the unprivileged user, helper spawned by it.
        List<Double> cold = new ArrayList<>();
        Set<String> coldFound = new LinkedHashSet<>();
        long jvmHwm = -1;
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            Cmd.Result r = jvm.run(src, user, Duration.ofSeconds(120), TraceMain.class.getName(), List.of("transport=helper",
                    "helper=" + helper.binary(), "target=" + t, "q=" + Q, "wait-ms=" + WAIT_S * 1000, "maxttl=" + MAX_TTL));
            cold.add((System.nanoTime() - start) / 1e6);
            r.check();
            coldFound = new LinkedHashSet<>();
            for (String line : r.out().split("\n")) {
                if (line.startsWith("HOP ")) {
                    coldFound.addAll(List.of(line.split(" ")[2].split(",")));
                } else if (line.startsWith("VMHWM_KB ")) {
                    jvmHwm = Math.max(jvmHwm, Long.parseLong(line.substring(9).strip()));
                }
            }
            pause();
        }
        rows.add(new Row("hopscope concurrent (helper, new JVM)", cold, coldFound, "JVM start included"));
        rows.add(peer(src, reps, "traceroute -n", List.of("traceroute", "-n", "-q", "" + Q, "-w", "" + WAIT_S, "-m",
                "" + MAX_TTL, t), ""));
        rows.add(peer(src, reps, "mtr -n -r -c 1", List.of("mtr", "-n", "-r", "-c", "1", "-G", "" + WAIT_S, "-m",
                "" + MAX_TTL, t), "1 probe per hop, not " + Q));
        rows.add(peer(src, reps, "scamper -c trace", List.of("scamper", "-O", "text", "-p", "1000", "-c",
                "trace -q " + Q + " -w " + WAIT_S + " -m " + MAX_TTL, "-i", t), "-p 1000 (default rate is 20/s)"));

        double base = rows.get(0).median();
        System.out.println();
        System.out.println("== " + t + ": " + what + " (" + Q + " probes/hop, wait " + WAIT_S + " s, median of " + reps + ")");
        System.out.printf("%-40s %10s %12s %7s  %s%n", "tool", "wall ms", "vs hopscope", "found", "note");
        for (Row r : rows) {
            System.out.printf("%-40s %10.1f %11.2fx %7d  %s%n", r.tool(), r.median(), r.median() / base, r.found().size(),
                    r.note());
        }
        System.out.println("interfaces found by hopscope: " + rows.get(0).found());
        for (Row r : rows.subList(1, rows.size())) {
            if (!r.found().equals(rows.get(0).found())) {
                System.out.println("  " + r.tool() + " differs: " + r.found());
            }
        }
        System.out.println("memory: helper VmHWM " + helperHwm + " KiB; engine JVM (new JVM, one trace) VmHWM " + jvmHwm
                + " KiB");
    }

    private static TraceSettings settings(String target, Algorithm algo) {
        return TraceSettings.builder(target).algorithm(algo).probesPerHop(Q).maxTtl(MAX_TTL)
                .waitTime(Duration.ofSeconds(WAIT_S)).build();
    }

    private static Row peer(Netns src, int reps, String name, List<String> argv, String note) throws InterruptedException {
        List<Double> ms = new ArrayList<>();
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            Cmd.Result r = src.tryExec(Duration.ofSeconds(120), argv.toArray(String[]::new));
            ms.add((System.nanoTime() - start) / 1e6);
            if (!r.ok()) {
                throw new IllegalStateException(name + " failed: " + r.err() + r.out());
            }
            found = new LinkedHashSet<>();
            for (String line : r.out().split("\n")) {
                if (line.startsWith("traceroute to") || line.startsWith("Start:") || line.startsWith("HOST:")
                        || line.startsWith("trace to") || line.startsWith("traceroute from")) {
                    continue; // headers name the target, which is not an answer
                }
                Matcher m = V4.matcher(line);
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
            pause();
        }
        return new Row(name, ms, found, note);
    }

    private static Set<String> addresses(TraceSnapshot s) {
        Set<String> a = new LinkedHashSet<>();
        for (Map.Entry<Integer, Set<InetAddress>> e : Truth.found(s).entrySet()) {
            e.getValue().forEach(x -> a.add(x.getHostAddress()));
        }
        return a;
    }

    /** Lets the rate-limited router's token bucket refill, so every run meets the same network. */
    private static void pause() throws InterruptedException {
        Thread.sleep(LabTopology.RATE_LIMIT_MS * 4L);
    }
}
