package org.hopscope.engine.mda;

import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.graph.FlowLists;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.sim.Topology;

/** Scratch: one run with details. */
public final class DebugRunner {
    public static void main(String[] args) throws Exception {
        String text = switch (args[0]) {
            case "nested" -> TopologyGenerator.nested(2, 2);
            case "unequal" -> TopologyGenerator.unequal(3);
            case "asym" -> TopologyGenerator.asymmetric(4, 1);
            case "meshed" -> TopologyGenerator.meshed(4);
            default -> TopologyGenerator.single(2);
        };
        Topology t = Topology.parse(text, args[0]).withSeed(Long.parseLong(args[2]));
        Validation.Outcome o = Validation.once(t, TopologyGenerator.DESTINATION, Algorithm.parse(args[1]),
                MdaSettings.defaults(), ProbeProtocol.UDP);
        System.out.print(FlowLists.render(o.topology()));
        System.out.println("missing " + o.missing());
        System.out.println("false " + o.falseLinks());
        System.out.println(o.run());
        o.topology().edges().forEach(e -> System.out.println("edge " + e.from().getHostAddress() + " -> "
                + e.to().getHostAddress() + " " + e.fromTtls() + " gap " + e.gap()));
        o.topology().diamonds().forEach(System.out::println);
        o.topology().balancers().forEach(System.out::println);
    }
}
