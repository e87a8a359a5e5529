package org.hopscope.engine.mda;

import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.sim.Topology;

/** Scratch: prints validation figures for a few topologies (main for manual runs). */
public final class SweepRunner {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        String which = args.length > 1 ? args[1] : "all";
        String[][] topos = {
            {"single-2", TopologyGenerator.single(2)},
            {"single-4", TopologyGenerator.single(4)},
            {"single-8", TopologyGenerator.single(8)},
            {"single-16", TopologyGenerator.single(16)},
            {"serial-2-4-8", TopologyGenerator.serial(new int[] {2, 4, 8})},
            {"nested-2x2", TopologyGenerator.nested(2, 2)},
            {"nested-4x4", TopologyGenerator.nested(4, 4)},
            {"meshed-4", TopologyGenerator.meshed(4)},
            {"unequal-3", TopologyGenerator.unequal(3)},
            {"asymmetric-4-1", TopologyGenerator.asymmetric(4, 1)},
        };
        for (String[] t : topos) {
            if (!which.equals("all") && !t[0].startsWith(which)) {
                continue;
            }
            Topology topo = Topology.parse(t[1], t[0]);
            for (Algorithm alg : new Algorithm[] {Algorithm.EXHAUSTIVE, Algorithm.LITE}) {
                long t0 = System.nanoTime();
                Validation.Result r = Validation.many(t[0], topo, TopologyGenerator.DESTINATION, alg,
                        MdaSettings.defaults(), runs, 1000);
                System.out.println(r + String.format("  %.1fs", (System.nanoTime() - t0) / 1e9));
            }
        }
    }
}
