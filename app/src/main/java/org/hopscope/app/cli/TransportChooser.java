package org.hopscope.app.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.hopscope.engine.sim.Node;
import org.hopscope.engine.sim.SimulatedTransport;
import org.hopscope.engine.sim.Topology;
import org.hopscope.engine.sim.TopologyException;
import org.hopscope.engine.transport.ProbeTransport;

/** Picks the transport a trace runs over: the simulated network with {@code --simulate}, else the real one. */
public class TransportChooser {

    /**
     * The chosen transport, the host names it knows (a simulated network's node names; null for the
     * real network, where the system resolver answers) and the target to use when none was given.
     */
    public record Choice(ProbeTransport transport, TargetResolver.LocalNames localNames, String defaultTarget) {
    }

    private final SimulatedTransport.Clock clock;

    /** {@code clock}: REAL for the command line; tests may use VIRTUAL for instant, repeatable runs. */
    public TransportChooser(SimulatedTransport.Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    public TransportChooser() {
        this(SimulatedTransport.Clock.REAL);
    }

    /**
     * The transport for these options. This is where every transport plugs in: the simulated network
     * now, the privileged native helper ({@code HelperTransport}) and the unprivileged datagram
     * transport as they arrive.
     *
     * @throws UsageException when no transport can run these options (message for stderr)
     */
    public Choice choose(TraceOptions options) throws UsageException {
        if (options.simulate() != null) {
            return simulated(options.simulate());
        }
        // The real network. HelperTransport (native-helper module) plugs in here.
        throw new UsageException("real probing needs the Hopscope native helper, which this build does not "
                + "have yet; trace a simulated network with --simulate NAME (" + String.join(", ",
                        Topology.builtInNames()) + ") or --simulate FILE");
    }

    private Choice simulated(String spec) throws UsageException {
        Topology topology = loadTopology(spec);
        SimulatedTransport transport = new SimulatedTransport(topology, clock);
        String defaultTarget = topology.destinations().stream().findFirst().map(Node::name).orElse(null);
        return new Choice(transport, (name, ipVersion) -> nodeAddress(topology, name, ipVersion), defaultTarget);
    }

    /** A topology file if {@code spec} names one (or looks like a path), else a built-in network. */
    static Topology loadTopology(String spec) throws UsageException {
        Path path = Path.of(spec);
        boolean looksLikeFile = spec.contains("/") || spec.contains(java.io.File.separator) || spec.endsWith(".topo")
                || Files.isRegularFile(path);
        if (!looksLikeFile) {
            if (!Topology.builtInNames().contains(spec)) {
                throw new UsageException("--simulate: no built-in network '" + spec + "' and no such file (built-in: "
                        + String.join(", ", Topology.builtInNames()) + ")");
            }
            return Topology.builtIn(spec);
        }
        try {
            return Topology.load(path);
        } catch (NoSuchFileException e) {
            throw new UsageException("--simulate: no such topology file: " + spec);
        } catch (IOException e) {
            throw new UsageException("--simulate: cannot read " + spec + ": " + e.getMessage());
        } catch (TopologyException e) {
            throw new UsageException("--simulate: " + e.getMessage());
        }
    }

    private static Optional<InetAddress> nodeAddress(Topology topology, String name, int ipVersion) {
        return topology.node(name).flatMap(n -> switch (ipVersion) {
            case 4 -> n.address(false);
            case 6 -> n.address(true);
            default -> n.address(false).or(() -> n.address(true));
        });
    }
}
