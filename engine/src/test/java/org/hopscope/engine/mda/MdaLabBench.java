package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.graph.MultipathTopology;
import org.hopscope.engine.graph.TopologyBuilder;
import org.hopscope.engine.netns.Cmd;
import org.hopscope.engine.netns.HelperLab;
import org.hopscope.engine.netns.LabTopology;
import org.hopscope.engine.netns.Traces;
import org.hopscope.engine.netns.Truth;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.helper.HelperTransport;

/**
 * The namespace half of {@code bench/mda-bench.sh} (not a unit test): on the {@link LabTopology}
 * lab, MDA and MDA-Lite through the helper and {@code scamper -c "tracelb"} in the same source
 * namespace, towards the same target, REPS times each: probes sent, links of the ECMP diamond found.
 * Usage: {@code MdaLabBench REPS}.
 */
public final class MdaLabBench {
    private static final Pattern SCAMPER_PROBES = Pattern.compile("\"probec\":\\s*(\\d+)");
    private static final Pattern SCAMPER_PROBE_TTL = Pattern.compile("\"ttl\":\\s*(\\d+),\\s*\"attempt\"");
    private static final Pattern SCAMPER_ADDR = Pattern.compile("\"addr\":\\s*\"([0-9.]+)\"");

    private MdaLabBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = Integer.parseInt(args[0]);
        try (HelperLab lab = HelperLab.start("scamper")) {
            List<List<Truth.Hop>> paths = List.of(lab.lab.path(LabTopology.BRANCH_A, false),
                    lab.lab.path(LabTopology.BRANCH_B, false));
            Set<Truth.Link> truth = new HashSet<>(Truth.links(paths));
            truth.removeIf(l -> silent(lab, l));
            Set<String> interfaces = new HashSet<>();
            paths.forEach(p -> p.stream().filter(h -> !h.silent()).forEach(h -> interfaces.add(h.address().getHostAddress())));
            System.out.printf(Locale.ROOT, "%-22s %4s %8s %12s %12s %8s%n", "tool", "rep", "probes", "interfaces",
                    "links", "reached");
            double[] sums = new double[5];
            for (int rep = 1; rep <= reps; rep++) {
                try (HelperTransport transport = lab.transport()) {
                    int i = 0;
                    for (int variant = 0; variant < 4; variant++) {
                        Algorithm a = variant % 2 == 0 ? Algorithm.EXHAUSTIVE : Algorithm.LITE;
                        boolean merge = variant >= 2;
                        TraceSettings s = Traces.lab(LabTopology.TARGET4).algorithm(a).protocol(ProbeProtocol.UDP)
                                .waitTime(Duration.ofSeconds(1)).destinationPort(33434 + 100 * rep + variant).build();
                        MultipathTracer tracer = new MultipathTracer(s, MdaSettings.defaults().withMaxInFlight(16)
                                .withMergeConverged(merge), transport, LabTopology.TARGET4);
                        TraceSnapshot snap = tracer.run();
                        MultipathTopology t = TopologyBuilder.build(snap);
                        int links = 0;
                        for (Truth.Link l : truth) {
                            links += t.links().stream().anyMatch(k -> k.from().equals(l.from()) && k.to().equals(l.to()))
                                    ? 1 : 0;
                        }
                        Set<String> seen = new HashSet<>();
                        t.vertices().forEach(v -> seen.add(v.address().getHostAddress()));
                        seen.retainAll(interfaces);
                        print("hopscope -a " + a.cliName() + (merge ? " +merge" : ""), rep, snap.probesSent(), seen.size() + "/" + interfaces.size(),
                                links + "/" + truth.size(), snap.hops().stream().anyMatch(h -> h.reachedDestination()));
                        sums[i++] += snap.probesSent();
                        System.out.print(tracer.report().ledger().toString().indent(4));
                        Thread.sleep(LabTopology.RATE_LIMIT_MS * 8L); // the rate limiter refills its burst of 6
                    }
                }
                Cmd.Result r = lab.lab.src().tryExec(Duration.ofSeconds(120), "scamper", "-O", "json", "-c",
                        "tracelb -P udp-dport -q 1 -w 1 -c 95", "-i", LabTopology.TARGET4.getHostAddress());
                Matcher m = SCAMPER_PROBES.matcher(r.out());
                long probes = m.find() ? Long.parseLong(m.group(1)) : -1;
                Set<String> seen = new HashSet<>();
                Matcher am = SCAMPER_ADDR.matcher(r.out());
                while (am.find()) {
                    seen.add(am.group(1));
                }
                if (System.getenv("MDA_SCAMPER_JSON") != null) {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv("MDA_SCAMPER_JSON") + rep),
                            r.out());
                }
                boolean reached = seen.contains(LabTopology.TARGET4.getHostAddress());
                seen.retainAll(interfaces);
                if (probes < 0) {
                    System.err.println("scamper output not understood (exit " + r.exit() + "): " + r.out() + r.err());
                }
                // scamper's tracelb JSON lists links per node; here it keeps the whole path as one node's
                // link with several addresses per hop, so its links are not comparable: interfaces only.
                print("scamper tracelb", rep, probes, seen.size() + "/" + interfaces.size(), "n/a", reached);
                sums[4] += probes;
                System.out.print(scamperLedger(r.out()).indent(4));
                Thread.sleep(LabTopology.RATE_LIMIT_MS * 8L); // the rate limiter refills its burst of 6
            }
            System.out.printf(Locale.ROOT, "mean probes: exhaustive %.1f, lite %.1f, exhaustive +merge %.1f,"
                    + " lite +merge %.1f, scamper tracelb %.1f%n", sums[0] / reps, sums[1] / reps, sums[2] / reps,
                    sums[3] / reps, sums[4] / reps);
            System.out.printf(Locale.ROOT, "ratio to scamper: exhaustive %.2f, lite %.2f, exhaustive +merge %.2f,"
                    + " lite +merge %.2f%n", sums[0] / sums[4], sums[1] / sums[4], sums[2] / sums[4], sums[3] / sums[4]);
        }
    }

    /**
     * scamper's answered probes per TTL, from its JSON (probes without an answer are counted in
     * probec but not listed there).
     */
    private static String scamperLedger(String json) {
        java.util.Map<Integer, Integer> perTtl = new java.util.TreeMap<>();
        Matcher m = SCAMPER_PROBE_TTL.matcher(json);
        while (m.find()) {
            perTtl.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        perTtl.forEach((ttl, n) -> b.append(String.format(Locale.ROOT, "ttl %2d: listed %d%n", ttl, n)));
        return b.toString();
    }

    private static boolean silent(HelperLab lab, Truth.Link l) {
        return lab.lab.path(LabTopology.BRANCH_A, false).stream().filter(Truth.Hop::silent)
                .anyMatch(h -> h.address().equals(l.from()) || h.address().equals(l.to()));
    }

    private static void print(String tool, int rep, long probes, String interfaces, String links, boolean reached) {
        System.out.printf(Locale.ROOT, "%-22s %4d %8d %12s %12s %8s%n", tool, rep, probes, interfaces, links,
                reached ? "yes" : "no");
    }
}
