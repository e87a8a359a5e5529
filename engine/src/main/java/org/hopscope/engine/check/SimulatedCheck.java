package org.hopscope.engine.check;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.hopscope.engine.format.AddressLiterals;
import org.hopscope.engine.sim.Node;
import org.hopscope.engine.sim.SimulatedTransport;
import org.hopscope.engine.sim.Topology;

/**
 * A connectivity check against a simulated network ({@code hopscope check --simulate NET}, the GUI's
 * demo, fast tests): the machine is the topology's source, its gateway the node its first link
 * reaches; names are node names (anything else is NXDOMAIN, in 0 ms); the TCP connect is answered
 * from the host's {@code tcp=} ports (open, else refused; no node: timed out) without crossing the
 * simulated links, so path loss and firewalls show in the trace, not in the connect. Real-time clock:
 * the check's budget is wall-clock time.
 */
public final class SimulatedCheck {
    private SimulatedCheck() {
    }

    public static ConnectivityCheck create(CheckSettings settings, Topology topology) {
        return new ConnectivityCheck(settings, () -> environment(topology),
                () -> new SimulatedTransport(topology, SimulatedTransport.Clock.REAL))
                .names(name -> resolve(topology, name))
                .connector((address, timeout) -> connect(topology, address, timeout));
    }

    /** The host's own rules decide: a TCP drop rule times out, an unreachable rule fails, else its tcp= ports. */
    static TcpConnect connect(Topology t, java.net.InetSocketAddress address, java.time.Duration timeout) {
        Optional<Node> node = t.nodeByAddress(address.getAddress());
        if (node.isEmpty()) {
            return new TcpConnect(address, TcpConnect.Outcome.TIMED_OUT, timeout.toMillis(), "simulated: no such host");
        }
        Node n = node.get();
        for (Node.Rule r : n.rules()) {
            if (r.protocols().isEmpty() || r.protocols().contains(6)) {
                return r.unreachable() == null
                        ? new TcpConnect(address, TcpConnect.Outcome.TIMED_OUT, timeout.toMillis(), "simulated: dropped")
                        : new TcpConnect(address, TcpConnect.Outcome.FAILED, 0, "simulated: " + r.unreachable().name()
                                + " unreachable");
            }
        }
        return n.kind() == Node.Kind.HOST && n.tcpOpen() != null && n.tcpOpen().contains(address.getPort())
                ? new TcpConnect(address, TcpConnect.Outcome.OPEN, 0, "simulated")
                : new TcpConnect(address, TcpConnect.Outcome.REFUSED, 0, "simulated: Connection refused");
    }

    static NetworkEnvironment environment(Topology t) {
        Node src = t.source();
        Optional<InetAddress> gw = t.links().stream()
                .filter(l -> l.from().equals(src.name()) || l.to().equals(src.name()))
                .map(l -> l.from().equals(src.name()) ? l.to() : l.from())
                .findFirst().flatMap(t::node).flatMap(n -> n.address(false));
        return new NetworkEnvironment("simulated network " + t.name(), src.name(), gw, "sim0", src.address(false),
                List.of(), List.of());
    }

    static NameResolution resolve(Topology t, String name) {
        InetAddress literal = AddressLiterals.parse(name);
        if (literal != null) {
            return new NameResolution(name, List.of(literal), 0, NameResolution.Outcome.LITERAL, Optional.empty(), "");
        }
        return t.node(name).flatMap(n -> n.address(false).or(() -> n.address(true)))
                .map(a -> new NameResolution(name, List.of(a), 0, NameResolution.Outcome.FOUND, Optional.empty(),
                        "simulated network"))
                .orElseGet(() -> new NameResolution(name, List.of(), 0, NameResolution.Outcome.NOT_FOUND,
                        Optional.empty(), "NXDOMAIN (no such node in the simulated network)"));
    }
}
