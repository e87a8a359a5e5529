package org.hopscope.app.gui.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.hopscope.engine.sim.Node;
import org.hopscope.engine.sim.SimulatedTransport;
import org.hopscope.engine.sim.Topology;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportInfo;

/**
 * The engine's built-in simulated network (multipath, NAT, MPLS, rate-limited and silent hops), in
 * real time, so a newcomer sees a full multipath trace without privileges or a network. Target
 * "demo" is its first destination; any node name of the topology works too.
 */
public final class DemoNetworkSource implements TransportSource {
    public static final String TARGET = "demo";
    private final Topology topology;
    private final SimulatedTransport.Clock clock;

    public DemoNetworkSource() {
        this(Topology.builtIn("demo"), SimulatedTransport.Clock.REAL);
    }

    public DemoNetworkSource(Topology topology, SimulatedTransport.Clock clock) {
        this.topology = topology;
        this.clock = clock;
    }

    /** Whether a typed target means the simulated network rather than the real one. */
    public boolean accepts(String target) {
        String t = target.trim().toLowerCase(Locale.ROOT);
        return t.equals(TARGET) || t.startsWith("demo:") || t.endsWith(".demo")
                || topology.nodes().stream().anyMatch(n -> n.name().equalsIgnoreCase(target.trim()));
    }

    @Override
    public String describe() {
        return "Demo network (simulated, " + topology.name() + "): no packet leaves this computer;"
                + " timings and paths come from the built-in topology.";
    }

    @Override
    public TransportInfo.Kind kind() {
        return TransportInfo.Kind.SIMULATED;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public ProbeTransport open() {
        return new SimulatedTransport(topology, clock);
    }

    @Override
    public InetAddress resolve(String target) throws UnknownHostException {
        String t = target.trim();
        if (t.toLowerCase(Locale.ROOT).startsWith("demo:")) {
            t = t.substring(5);
        }
        if (t.equalsIgnoreCase(TARGET)) {
            return topology.destinations().stream().findFirst().flatMap(n -> n.address(false))
                    .orElseThrow(() -> new UnknownHostException("the demo network has no destination"));
        }
        for (Node n : topology.nodes()) {
            if (n.name().equalsIgnoreCase(t) || (n.name() + ".demo").equalsIgnoreCase(t)) {
                return n.address(false).orElseThrow(() -> new UnknownHostException(target));
            }
        }
        throw new UnknownHostException(target + " is not a node of the demo network");
    }

    @Override
    public String knownName(InetAddress a) {
        return topology.nodeByAddress(a).map(n -> n.name() + ".demo").orElse(null);
    }

    public Topology topology() {
        return topology;
    }
}
