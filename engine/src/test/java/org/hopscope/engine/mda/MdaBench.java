package org.hopscope.engine.mda;

import java.util.List;
import java.util.Locale;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.sim.Topology;

/**
 * The probe-efficiency and failure-rate benchmark behind {@code bench/mda-bench.sh} (not a unit
 * test): MDA and MDA-Lite on generated topologies, RUNS seeds each, failures against the theoretical
 * bound, mean probes and Lite/MDA ratio; then RUNS random topologies (one seed each).
 *
 * <p>Usage: {@code MdaBench RUNS [name-prefix]}.
 */
public final class MdaBench {
    private MdaBench() {
    }

    static final List<String[]> TOPOLOGIES = List.of(
            new String[] {"single-2", TopologyGenerator.single(2)},
            new String[] {"single-4", TopologyGenerator.single(4)},
            new String[] {"single-8", TopologyGenerator.single(8)},
            new String[] {"single-16", TopologyGenerator.single(16)},
            new String[] {"serial-2-4-8", TopologyGenerator.serial(new int[] {2, 4, 8})},
            new String[] {"nested-2x2", TopologyGenerator.nested(2, 2)},
            new String[] {"nested-4x4", TopologyGenerator.nested(4, 4)},
            new String[] {"meshed-4", TopologyGenerator.meshed(4)},
            new String[] {"unequal-3", TopologyGenerator.unequal(3)},
            new String[] {"asymmetric-4-1", TopologyGenerator.asymmetric(4, 1)});

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        String which = args.length > 1 ? args[1] : "";
        System.out.printf(Locale.ROOT, "%-22s %-10s %6s %9s %8s %8s %7s %6s%n", "topology", "algorithm", "runs",
                "failures", "rate", "bound", "probes", "max");
        for (String[] t : TOPOLOGIES) {
            if (!t[0].startsWith(which)) {
                continue;
            }
            Topology topo = Topology.parse(t[1], t[0]);
            double mdaProbes = 0;
            for (Algorithm alg : new Algorithm[] {Algorithm.EXHAUSTIVE, Algorithm.LITE}) {
                Validation.Result r = Validation.many(t[0], topo, TopologyGenerator.DESTINATION, alg,
                        MdaSettings.defaults(), runs, 1000);
                print(r, alg == Algorithm.LITE ? r.meanProbes() / mdaProbes : Double.NaN);
                mdaProbes = r.meanProbes();
            }
        }
        if (which.isEmpty() || "random".startsWith(which)) {
            for (Algorithm alg : new Algorithm[] {Algorithm.EXHAUSTIVE, Algorithm.LITE}) {
                print(Validation.random(alg, MdaSettings.defaults(), runs, 1), Double.NaN);
            }
        }
        // Converged paths merged (scamper's way), compared by address: where it saves probes.
        MdaSettings merged = MdaSettings.defaults().withMergeConverged(true);
        for (String[] t : TOPOLOGIES) {
            if ((which.isEmpty() || t[0].startsWith(which)) && t[0].startsWith("unequal")) {
                for (Algorithm alg : new Algorithm[] {Algorithm.EXHAUSTIVE, Algorithm.LITE}) {
                    print(Validation.many(t[0] + " +merge", Topology.parse(t[1], t[0]), TopologyGenerator.DESTINATION,
                            alg, merged, runs, 1000), Double.NaN);
                }
            }
        }
        if (which.isEmpty() || "random".startsWith(which)) {
            for (Algorithm alg : new Algorithm[] {Algorithm.EXHAUSTIVE, Algorithm.LITE}) {
                print(Validation.random(alg, merged, runs, 1).renamed("random +merge"), Double.NaN);
            }
        }
    }

    private static void print(Validation.Result r, double ratio) {
        System.out.printf(Locale.ROOT, "%-22s %-10s %6d %9d %8.4f %8.4f %7.1f %6d%s%s%n", r.name(),
                r.algorithm().cliName(), r.runs(), r.failures(), r.failureRate(), r.bound(), r.meanProbes(),
                r.maxProbes(), Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "  lite/mda %.2f", ratio),
                r.falseLinkRuns() > 0 ? "  FALSE LINKS in " + r.falseLinkRuns() + " runs" : "");
    }
}
