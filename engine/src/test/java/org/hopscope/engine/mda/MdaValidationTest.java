package org.hopscope.engine.mda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.sim.Topology;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * fakeroute-style validation (probing-facts §2.6): each algorithm runs 1,000 times on a topology,
 * with other balancer hash keys each time, and the runs that miss any interface or link are
 * counted. The count must stay within the theoretical failure probability ({@link FailureBounds})
 * plus a statistical margin: the exact one-sided binomial bound at alpha = 0.00135 (3 sigma), so the
 * test fails about once in 740 runs of a correct algorithm, and fails for sure if the algorithm
 * fails even twice as often as promised on these sizes. No run may ever show a false link.
 *
 * <p>The whole set (more topologies, more seeds, probe counts) is {@code bench/mda-bench.sh}.
 */
class MdaValidationTest {
    private static final int RUNS = 1000;
    private static final double ALPHA = 0.00135;

    private static void check(Validation.Result r) {
        int allowed = Validation.binomialUpper(r.runs(), r.bound(), ALPHA);
        assertTrue(r.failures() <= allowed, r + " allowed " + allowed);
        assertEquals(0, r.falseLinkRuns(), r.toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "single-4, lite", "nested-2x2, lite", "nested-2x2, exhaustive", "unequal-3, lite", "unequal-3, exhaustive",
        "asymmetric-4-1, lite", "asymmetric-4-1, exhaustive", "serial-2-4-8, lite", "meshed-4, lite"})
    void failureRateWithinTheBound(String name, String algorithm) throws Exception {
        String text = MdaBench.TOPOLOGIES.stream().filter(t -> t[0].equals(name)).findFirst().orElseThrow()[1];
        Validation.Result r = Validation.many(name, Topology.parse(text, name), TopologyGenerator.DESTINATION,
                Algorithm.parse(algorithm), MdaSettings.defaults(), RUNS, 5000);
        check(r);
    }

    /**
     * Converged paths merged (scamper's way, {@link MdaSettings#mergeConverged()}): compared by
     * address, within the same bound, on the unequal-length diamonds where merging saves probes.
     */
    @ParameterizedTest(name = "merged {0} {1}")
    @CsvSource({"unequal-3, lite", "unequal-3, exhaustive", "nested-2x2, lite"})
    void mergedConvergedPathsWithinTheBound(String name, String algorithm) throws Exception {
        String text = MdaBench.TOPOLOGIES.stream().filter(t -> t[0].equals(name)).findFirst().orElseThrow()[1];
        check(Validation.many(name + " merged", Topology.parse(text, name), TopologyGenerator.DESTINATION,
                Algorithm.parse(algorithm), MdaSettings.defaults().withMergeConverged(true), RUNS, 9000));
    }

    @ParameterizedTest(name = "random topologies merged {0}")
    @CsvSource({"lite, 50", "exhaustive, 40"})
    void randomTopologiesMergedWithinTheBound(String algorithm, int runs) throws Exception {
        check(Validation.random(Algorithm.parse(algorithm), MdaSettings.defaults().withMergeConverged(true), runs, 177));
    }

    @ParameterizedTest(name = "random topologies {0}")
    @CsvSource({"lite, 50", "exhaustive, 40"})
    void randomTopologiesWithinTheBound(String algorithm, int runs) throws Exception {
        check(Validation.random(Algorithm.parse(algorithm), MdaSettings.defaults(), runs, 77));
    }
}
