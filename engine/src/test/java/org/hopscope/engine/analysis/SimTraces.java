package org.hopscope.engine.analysis;

import java.net.InetAddress;
import java.util.List;
import java.util.function.UnaryOperator;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.algo.Tracer;
import org.hopscope.engine.mda.MdaSettings;
import org.hopscope.engine.mda.MultipathTracer;
import org.hopscope.engine.sim.SimulatedTransport;
import org.hopscope.engine.sim.Topology;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;

/** Traces of the simulated network, in virtual time, for the analysis tests. */
final class SimTraces {
    private SimTraces() {
    }

    static TraceSnapshot trace(Topology topo, String destination, UnaryOperator<TraceSettings.Builder> tweak)
            throws Exception {
        TraceSettings settings = tweak.apply(TraceSettings.builder(destination)).build();
        SimulatedTransport t = new SimulatedTransport(topo, SimulatedTransport.Clock.VIRTUAL);
        InetAddress dst = InetAddress.getByName(destination);
        if (settings.algorithm().multipath()) {
            return new MultipathTracer(settings, MdaSettings.defaults(), t, dst).run();
        }
        return new Tracer(settings, t, dst).run();
    }

    static TraceSnapshot trace(String builtIn, String destination, UnaryOperator<TraceSettings.Builder> tweak)
            throws Exception {
        return trace(Topology.builtIn(builtIn), destination, tweak);
    }

    static TraceSnapshot lite(String builtIn, String destination) throws Exception {
        return trace(builtIn, destination, b -> b.algorithm(Algorithm.LITE));
    }

    static List<Finding> of(List<Finding> all, Finding.Kind kind) {
        return all.stream().filter(f -> f.kind() == kind).toList();
    }

    static String dump(List<Finding> all) {
        StringBuilder sb = new StringBuilder();
        all.forEach(f -> sb.append(f.kind()).append(' ').append(f.line()).append('\n'));
        return sb.toString();
    }
}
