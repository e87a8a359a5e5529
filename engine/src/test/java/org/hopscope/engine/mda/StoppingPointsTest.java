package org.hopscope.engine.mda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoppingPointsTest {

    /** scamper's tracelb k[n][conf] table (probing-facts §2.1), n = 2..20: columns 95% and 99%. */
    private static final int[][] SCAMPER = {
        {6, 8}, {11, 15}, {16, 21}, {21, 28}, {27, 36}, {33, 43}, {38, 51}, {44, 58}, {51, 66}, {57, 74},
        {63, 82}, {70, 90}, {76, 98}, {83, 106}, {90, 115}, {96, 123}, {103, 132}, {110, 140}, {117, 149}};

    @Test
    void reproducesScampersTableAt95And99Percent() {
        List<Integer> p95 = StoppingPoints.forNodeConfidence(0.95, 19).asList();
        List<Integer> p99 = StoppingPoints.forNodeConfidence(0.99, 19).asList();
        for (int i = 0; i < SCAMPER.length; i++) {
            assertThat(p95.get(i)).as("95%% k=%d", i + 1).isEqualTo(SCAMPER[i][0]);
            assertThat(p99.get(i)).as("99%% k=%d", i + 1).isEqualTo(SCAMPER[i][1]);
        }
    }

    @Test
    void twoBranchFailureIsTwoTimesHalfToTheSix() {
        // Both flows-to-one-branch outcomes: 2 * (1/2)^6 = 1/32, fakeroute's example value.
        assertThat(StoppingPoints.probabilityNotAllSeen(2, 6)).isCloseTo(1.0 / 32, within(1e-12));
        assertThat(StoppingPoints.probabilityNotAllSeen(2, 5)).isGreaterThan(0.05);
    }

    @Test
    void traceConfidenceIsSplitOverTheBranchingFactor() {
        StoppingPoints t = StoppingPoints.forTraceConfidence(0.95, 30, 16);
        assertThat(t.epsilon()).isCloseTo(1 - Math.pow(0.95, 1.0 / 30), within(1e-12));
        // Stricter per node than a plain 95% table.
        assertThat(t.flowsNeeded(1)).isGreaterThan(6);
        assertThat(t.asList()).isSorted();
    }

    @Test
    void largeBalancersStayFiniteAndIncreasing() {
        StoppingPoints t = StoppingPoints.forNodeConfidence(0.99, 128);
        assertThat(t.asList()).isSorted().doesNotHaveDuplicates();
        assertThat(t.flowsNeeded(200)).isGreaterThan(t.flowsNeeded(128));
    }
}
