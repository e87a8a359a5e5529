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
import org.hopscope.engine.transport.TransportException;

/**
 * The command line's side of choosing a transport: the simulated network with {@code --simulate}
 * (or {@code --transport simulated}), else whatever the engine's {@link
 * org.hopscope.engine.transport.TransportChooser} picks for the real network (the native helper, else
 * unprivileged sockets; {@code --transport helper|unprivileged} forces one). The decision about real
 * transports is made there only, so the CLI and the GUI never disagree.
 */
public class TransportChooser {

    /**
     * The chosen transport, the host names it knows (a simulated network's node names; null for the
     * real network, where the system resolver answers) and the target to use when none was given.
     */
    public record Choice(ProbeTransport transport, TargetResolver.LocalNames localNames, String defaultTarget) {
    }

    private final SimulatedTransport.Clock clock;
    private final org.hopscope.engine.transport.TransportChooser real;

    /**
     * @param clock REAL for the command line; tests may use VIRTUAL for instant, repeatable simulations
     * @param real the engine's chooser of real-network transports
     */
    public TransportChooser(SimulatedTransport.Clock clock, org.hopscope.engine.transport.TransportChooser real) {
        this.clock = Objects.requireNonNull(clock);
        this.real = Objects.requireNonNull(real);
    }

    /** {@code clock}: REAL for the command line; tests may use VIRTUAL for instant, repeatable runs. */
    public TransportChooser(SimulatedTransport.Clock clock) {
        this(clock, org.hopscope.engine.transport.TransportChooser.system());
    }

    public TransportChooser() {
        this(SimulatedTransport.Clock.REAL);
    }

    /**
     * The transport for these options.
     *
     * @throws UsageException when no transport can run these options (message for stderr: what failed
     *     and how to fix it, e.g. the setcap command for a helper installed without its privilege)
     */
    public Choice choose(TraceOptions options) throws UsageException {
        String wanted = options.transport() == null ? "auto" : options.transport();
        if (options.simulate() != null) {
            if (!wanted.equals("auto") && !wanted.equals("simulated")) {
                throw new UsageException("--simulate traces a simulated network; it cannot be combined with --transport "
                        + wanted);
            }
            return simulated(options.simulate());
        }
        if (wanted.equals("simulated")) {
            throw new UsageException("--transport simulated needs --simulate NET (built-in: "
                    + String.join(", ", Topology.builtInNames()) + ", or a topology file)");
        }
        try {
            org.hopscope.engine.transport.TransportChooser.Choice c = real.choose(options.settings().protocol(),
                    org.hopscope.engine.transport.TransportChooser.Preference.parse(wanted));
            return new Choice(c.transport(), null, null);
        } catch (TransportException e) {
            throw new UsageException(e.getMessage() + " [" + e.error().name().toLowerCase(java.util.Locale.ROOT)
                    + "]; a simulated network can be traced with --simulate NAME (" + String.join(", ",
                            Topology.builtInNames()) + ")");
        }
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
