package org.hopscope.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.InetAddress;
import java.util.List;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.mda.MdaSettings;
import org.hopscope.engine.mda.MultipathTracer;
import org.hopscope.engine.sim.SimulatedTransport;
import org.hopscope.engine.sim.Topology;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.junit.jupiter.api.Test;

/** The DAG, diamonds and link shares built from an MDA trace of unequal-lb, and its Graphviz form. */
class TopologyModelTest {

    private static MultipathTopology unequalLb() throws Exception {
        TraceSettings s = TraceSettings.builder("198.18.7.10").algorithm(Algorithm.EXHAUSTIVE).build();
        TraceSnapshot snap = new MultipathTracer(s, MdaSettings.nodeConfidence(0.99),
                new SimulatedTransport(Topology.builtIn("unequal-lb"), SimulatedTransport.Clock.VIRTUAL),
                InetAddress.getByName("198.18.7.10")).run();
        return TopologyBuilder.build(snap);
    }

    @Test
    void unequalDiamondHasItsWidthLengthsAndShares() throws Exception {
        MultipathTopology t = unequalLb();
        assertThat(t.diamonds()).hasSize(1);
        Diamond d = t.diamonds().get(0);
        InetAddress lb = InetAddress.getByName("198.18.2.1");
        assertThat(d.divergence()).isEqualTo(lb);
        assertThat(d.divergenceTtl()).isEqualTo(3);
        assertThat(d.convergence()).isEqualTo(InetAddress.getByName("198.18.5.1"));
        assertThat(d.minLength()).isEqualTo(2);
        assertThat(d.maxLength()).isEqualTo(3);
        assertThat(d.symmetric()).isFalse();
        assertThat(d.maxWidth()).isEqualTo(2);
        assertThat(d.balancing()).isEqualTo(Balancer.Kind.PER_FLOW);
        List<Edge> out = t.edgesFrom(lb);
        assertThat(out).hasSize(2);
        assertThat(out.stream().mapToDouble(Edge::share).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(out).allMatch(e -> e.share() > 0.2 && e.share() < 0.8);
        assertThat(t.unverifiedEdges()).isEmpty();
        // The merge point answers at TTL 5 (short branch) and 6 (long branch).
        assertThat(t.vertex(InetAddress.getByName("198.18.5.1")).orElseThrow().ttls()).containsExactly(5, 6);
    }

    @Test
    void dotHasOneNodePerVertexAndLabelledEdges() throws Exception {
        MultipathTopology t = unequalLb();
        String dot = new DotWriter().write(t);
        assertThat(dot).startsWith("digraph hopscope {").endsWith("}\n");
        for (Vertex v : t.vertices()) {
            assertThat(dot).contains("\"" + v.address().getHostAddress() + "\" [label=");
        }
        assertThat(dot.lines().filter(l -> l.contains(" -> ")).count()).isEqualTo(t.edges().size());
        assertThat(dot).containsPattern("\"198\\.18\\.2\\.1\" -> \"198\\.18\\.3\\.1\" \\[label=\"flows [0-9,]+.*%\"");
        assertThat(dot).contains("peripheries=2");
    }
}
