package org.hopscope.engine.mda;

import java.util.Map;
import java.util.TreeMap;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.sim.Topology;

/** Scratch: which items are missed, over many seeds. */
public final class MissRunner {
    public static void main(String[] args) throws Exception {
        Topology t = Topology.parse(TopologyGenerator.serial(new int[] {2, 4, 8}), "serial");
        Map<String, Integer> counts = new TreeMap<>();
        int fails = 0;
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            Validation.Outcome o = Validation.once(t.withSeed(1000 + i), TopologyGenerator.DESTINATION,
                    Algorithm.parse(args[0]), MdaSettings.defaults(), ProbeProtocol.UDP);
            if (!o.complete()) {
                fails++;
                String first = o.missing().iterator().next();
                counts.merge(first.replaceAll("198\\.18\\.1\\.\\d+", "X"), 1, Integer::sum);
            }
        }
        System.out.println(fails + " " + counts);
    }
}
