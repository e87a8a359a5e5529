package org.hopscope.engine.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.MalformedPacketException;

/**
 * A simulated network, read from a topology file (format: docs/simulated-network.md): the prober,
 * routers, hosts, links with delays, MPLS tunnels, and every node's behaviour. Immutable and
 * thread-safe; the state that changes while packets flow (round-robin counters, token buckets, NAT
 * tables, random draws) lives in each {@link SimulatedTransport}.
 *
 * <p>Routing: links point away from the prober and form a DAG. Toward a destination, a node's next
 * hops are its successors from which the destination can be reached, in the order the links were
 * declared; with several, its {@link Node.Balancer} picks one. Replies retrace the probe's path
 * backwards.
 *
 * <p>Ground truth for tests: {@link #truePath} and {@link #trueHops} give who answers at each TTL
 * for one packet's flow, {@link #multipathTruth} every path toward a destination, {@link #links()}
 * the physical links. {@link #withSeed} re-seeds the balancers (and losses), fakeroute-style.
 */
public final class Topology {
    /** The topologies shipped in the engine, loadable with {@link #builtIn}. */
    private static final List<String> BUILT_IN = List.of("demo", "unequal-lb", "bench-15hop", "per-packet", "nat",
            "nat-broken", "mpls", "zero-ttl");
    static final String RESOURCE_DIR = "topologies/";
    /** Enumerating more paths than this means the topology is not one a test can check exhaustively. */
    static final int MAX_PATHS = 100_000;

    private final String origin;
    private final String name;
    private final String description;
    private final long seed;
    private final Map<String, Node> nodes;
    private final List<Link> links;
    private final List<MplsTunnel> tunnels;
    private final Node source;

    private final Map<String, List<Link>> out = new HashMap<>();
    private final Map<String, Link> byPair = new HashMap<>();
    private final Map<String, Set<String>> descendants = new HashMap<>();
    private final Map<InetAddress, Node> byAddress = new HashMap<>();

    Topology(String origin, String name, String description, long seed, Map<String, Node> nodes, List<Link> links,
            List<MplsTunnel> tunnels) throws TopologyException {
        this.origin = origin;
        this.name = name;
        this.description = description;
        this.seed = seed;
        this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        this.links = List.copyOf(links);
        this.tunnels = List.copyOf(tunnels);
        this.source = validate();
    }

    private Topology(Topology t, long seed) {
        this.origin = t.origin;
        this.name = t.name;
        this.description = t.description;
        this.seed = seed;
        this.nodes = t.nodes;
        this.links = t.links;
        this.tunnels = t.tunnels;
        this.source = t.source;
        this.out.putAll(t.out);
        this.byPair.putAll(t.byPair);
        this.descendants.putAll(t.descendants);
        this.byAddress.putAll(t.byAddress);
    }

    // ------------------------------------------------------------------ loading

    /** Parses topology text; {@code origin} names it in error messages (e.g. the file name). */
    public static Topology parse(String text, String origin) throws TopologyException {
        return TopologyParser.parse(Objects.requireNonNull(text, "text"), Objects.requireNonNull(origin, "origin"));
    }

    /** Reads a topology file (UTF-8). */
    public static Topology load(Path file) throws IOException, TopologyException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /** The names {@link #builtIn} accepts, e.g. "demo", "unequal-lb". */
    public static List<String> builtInNames() {
        return BUILT_IN;
    }

    /**
     * A topology shipped with the engine, by name (see {@link #builtInNames()}).
     *
     * @throws IllegalArgumentException if there is no such topology
     */
    public static Topology builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("no built-in topology '" + name + "' (available: "
                    + String.join(", ", BUILT_IN) + ")");
        }
        String file = name + ".topo";
        try (InputStream in = Topology.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("built-in topology " + file + " is missing from the engine");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TopologyException e) {
            throw new IllegalStateException("built-in topology is broken: " + e.getMessage(), e);
        }
    }

    /** The same network with another seed for balancers, random losses and jitter. */
    public Topology withSeed(long newSeed) {
        return new Topology(this, newSeed);
    }

    // ------------------------------------------------------------------ validation

    private TopologyException error(int line, String message) {
        return new TopologyException(origin, line, message);
    }

    private Node validate() throws TopologyException {
        Node src = null;
        for (Node n : nodes.values()) {
            if (n.kind() == Node.Kind.SOURCE) {
                if (src != null) {
                    throw error(n.line(), "a second 'source' (the first is '" + src.name() + "' on line " + src.line()
                            + "); a network has one prober");
                }
                src = n;
            }
        }
        if (src == null) {
            throw error(0, "no 'source' line: declare the prober, e.g. 'source me 198.18.0.1'");
        }
        for (Node n : nodes.values()) {
            for (InetAddress a : new InetAddress[] {n.ipv4(), n.ipv6()}) {
                if (a != null) {
                    Node other = byAddress.putIfAbsent(a, n);
                    if (other != null) {
                        throw error(n.line(), "address " + a.getHostAddress() + " already belongs to '" + other.name()
                                + "' (line " + other.line() + ")");
                    }
                }
            }
        }
        for (Node n : nodes.values()) {
            if (n.nat() != null) {
                if (n.nat().publicAddress().equals(src.ipv4())) {
                    throw error(n.line(), "NAT address is the prober's own address");
                }
                Node other = byAddress.get(n.nat().publicAddress());
                if (other != null && other != n) {
                    throw error(n.line(), "NAT address " + n.nat().publicAddress().getHostAddress()
                            + " belongs to '" + other.name() + "'");
                }
            }
            if (n.kind() == Node.Kind.ROUTER) {
                if (src.ipv4() != null && n.ipv4() == null) {
                    throw error(n.line(), "router '" + n.name() + "' has no IPv4 address but the source has one "
                            + "(routers answer from an address of the probe's family)");
                }
                if (src.ipv6() != null && n.ipv6() == null) {
                    throw error(n.line(), "router '" + n.name() + "' has no IPv6 address but the source has one "
                            + "(routers answer from an address of the probe's family)");
                }
            }
            if (n.kind() == Node.Kind.HOST && !(src.ipv4() != null && n.ipv4() != null)
                    && !(src.ipv6() != null && n.ipv6() != null)) {
                throw error(n.line(), "host '" + n.name() + "' has no address of a family the source has");
            }
        }
        for (Link l : links) {
            Node from = nodes.get(l.from());
            Node to = nodes.get(l.to());
            if (from == null || to == null) {
                throw error(l.line(), "link names unknown node '" + (from == null ? l.from() : l.to())
                        + "' (declare it with 'router' or 'host' first or check the spelling)");
            }
            if (from == to) {
                throw error(l.line(), "link from '" + l.from() + "' to itself");
            }
            if (from.kind() == Node.Kind.HOST) {
                throw error(l.line(), "link leaves host '" + l.from() + "': hosts do not forward (make it a router)");
            }
            if (to.kind() == Node.Kind.SOURCE) {
                throw error(l.line(), "link leads into the source '" + l.to()
                        + "': links point away from the prober");
            }
            Link dup = byPair.put(pair(l.from(), l.to()), l);
            if (dup != null) {
                throw error(l.line(), "link " + l.from() + " -> " + l.to() + " already declared on line " + dup.line());
            }
            if (byPair.containsKey(pair(l.to(), l.from()))) {
                throw error(l.line(), "link " + l.from() + " -> " + l.to() + " reverses the link on line "
                        + byPair.get(pair(l.to(), l.from())).line() + "; a link serves both directions already");
            }
            out.computeIfAbsent(l.from(), k -> new ArrayList<>()).add(l);
        }
        checkAcyclic();
        for (Node n : nodes.values()) {
            descendantsOf(n.name());
        }
        Set<String> reachable = descendants.get(src.name());
        for (Node n : nodes.values()) {
            if (n != src && !reachable.contains(n.name())) {
                throw error(n.line(), n.kind().name().toLowerCase() + " '" + n.name()
                        + "' cannot be reached from the source (no chain of links leads to it)");
            }
        }
        Set<String> entries = new HashSet<>();
        for (MplsTunnel t : tunnels) {
            for (int i = 0; i < t.nodes().size(); i++) {
                Node n = nodes.get(t.nodes().get(i));
                if (n == null) {
                    throw error(t.line(), "MPLS tunnel names unknown node '" + t.nodes().get(i) + "'");
                }
                if (n.kind() != Node.Kind.ROUTER) {
                    throw error(t.line(), "MPLS tunnel node '" + n.name() + "' is not a router");
                }
                if (i > 0 && !byPair.containsKey(pair(t.nodes().get(i - 1), n.name()))) {
                    throw error(t.line(), "MPLS tunnel needs a link " + t.nodes().get(i - 1) + " -> " + n.name());
                }
            }
            if (!entries.add(pair(t.nodes().get(0), t.nodes().get(1)))) {
                throw error(t.line(), "another MPLS tunnel already starts with " + t.nodes().get(0) + " -> "
                        + t.nodes().get(1));
            }
        }
        return src;
    }

    private static String pair(String a, String b) {
        return a + "\u0000" + b;
    }

    private void checkAcyclic() throws TopologyException {
        Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
        for (String n : nodes.keySet()) {
            Link back = cycleFrom(n, state);
            if (back != null) {
                throw error(back.line(), "link " + back.from() + " -> " + back.to()
                        + " closes a loop; links must point away from the prober (no cycles)");
            }
        }
    }

    private Link cycleFrom(String n, Map<String, Integer> state) {
        Integer s = state.get(n);
        if (s != null) {
            return null;
        }
        state.put(n, 1);
        for (Link l : out.getOrDefault(n, List.of())) {
            Integer ts = state.get(l.to());
            if (ts != null && ts == 1) {
                return l;
            }
            Link c = cycleFrom(l.to(), state);
            if (c != null) {
                return c;
            }
        }
        state.put(n, 2);
        return null;
    }

    private Set<String> descendantsOf(String n) {
        Set<String> d = descendants.get(n);
        if (d != null) {
            return d;
        }
        Set<String> s = new HashSet<>();
        for (Link l : out.getOrDefault(n, List.of())) {
            s.add(l.to());
            s.addAll(descendantsOf(l.to()));
        }
        descendants.put(n, Collections.unmodifiableSet(s));
        return descendants.get(n);
    }

    // ------------------------------------------------------------------ the model

    /** The file name (or origin given to {@link #parse}) the topology came from. */
    public String origin() {
        return origin;
    }

    /** The {@code name} line, or the file name without ".topo". */
    public String name() {
        return name;
    }

    /** The {@code description} line, or "". */
    public String description() {
        return description;
    }

    /** Seed of per-flow hashes, random balancers, losses and jitter (the {@code seed} line, default 1). */
    public long seed() {
        return seed;
    }

    /** The prober. */
    public Node source() {
        return source;
    }

    /** The prober's address of a family, if it has one. */
    public Optional<InetAddress> sourceAddress(boolean ipv6) {
        return source.address(ipv6);
    }

    /** Whether IPv6 probes can be sent (the source has an IPv6 address). */
    public boolean hasIpv6() {
        return source.ipv6() != null;
    }

    /** Every node, in declaration order. */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public Optional<Node> node(String nodeName) {
        return Optional.ofNullable(nodes.get(nodeName));
    }

    /** The node that owns {@code address}, if any. */
    public Optional<Node> nodeByAddress(InetAddress address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** Every physical link, in declaration order. */
    public List<Link> links() {
        return links;
    }

    /** Same as {@link #links()}: the full physical truth a multipath algorithm's result can be checked against. */
    public List<Link> allLinks() {
        return links;
    }

    /** Whether a physical link joins the nodes owning these addresses (in either direction). */
    public boolean isLink(InetAddress a, InetAddress b) {
        Node x = byAddress.get(a);
        Node y = byAddress.get(b);
        return x != null && y != null
                && (byPair.containsKey(pair(x.name(), y.name())) || byPair.containsKey(pair(y.name(), x.name())));
    }

    public List<MplsTunnel> tunnels() {
        return tunnels;
    }

    /** The nodes that can be traced to: hosts, then routers (any node address is a destination). */
    public List<Node> destinations() {
        List<Node> d = new ArrayList<>();
        nodes.values().stream().filter(n -> n.kind() == Node.Kind.HOST).forEach(d::add);
        nodes.values().stream().filter(n -> n.kind() == Node.Kind.ROUTER).forEach(d::add);
        return d;
    }

    Node nodeNamed(String nodeName) {
        return nodes.get(nodeName);
    }

    Link link(Node from, Node to) {
        return byPair.get(pair(from.name(), to.name()));
    }

    /** Successors of {@code at} that lead to {@code target}, in declaration order. */
    List<Node> nextHops(Node at, Node target) {
        List<Node> r = new ArrayList<>();
        for (Link l : out.getOrDefault(at.name(), List.of())) {
            if (l.to().equals(target.name()) || descendants.get(l.to()).contains(target.name())) {
                r.add(nodes.get(l.to()));
            }
        }
        return r;
    }

    /** The tunnel a packet toward {@code target} enters when {@code at} forwards it to {@code next}, or null. */
    MplsTunnel tunnelEntered(Node at, Node next, Node target) {
        for (MplsTunnel t : tunnels) {
            if (t.ingress().equals(at.name()) && t.nodes().get(1).equals(next.name())) {
                boolean beyond = t.egress().equals(target.name())
                        || descendants.get(t.egress()).contains(target.name())
                        || t.nodes().indexOf(target.name()) > 0;
                return beyond ? t : null;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ ground truth

    /**
     * Who answers {@code probePacket}'s flow at each TTL: element {@code t-1} is the address that
     * answers the packet sent with TTL {@code t}, or null where no one does (a silent router, a
     * firewall drop, a destination with nothing to say). The list ends at the TTL where the packet
     * stops expiring (the destination, an unreachable, a drop). The probe's own TTL is ignored.
     *
     * <p>Losses and rate limits are ignored (they are chance, not topology). Per-flow balancers are
     * deterministic, so this is exactly the path of the flow. Per-packet balancers decide as they
     * would for the first packet into a fresh network, the same at every TTL: round robin takes
     * the first next hop, random the first draw of its seeded generator. {@link
     * SimulatedTransport#trueHops} uses a running network's state instead.
     *
     * @throws IllegalArgumentException if the packet does not parse or its destination is not in the network
     */
    public List<InetAddress> truePath(byte[] probePacket) {
        return TrueHop.addresses(trueHops(probePacket));
    }

    /** Like {@link #truePath} with each hop's node, kind of answer and quoted TTL. */
    public List<TrueHop> trueHops(byte[] probePacket) {
        return new Simulator(this).trueHops(probePacket, null);
    }

    /**
     * Every path toward the probe's destination, whatever the flow: each path of the DAG (within
     * tunnels, the LSP) walked TTL by TTL as in {@link #trueHops}. The probe's protocol matters
     * (filters, the destination's answer); its flow fields do not.
     */
    public MultipathTruth multipathTruth(byte[] probeTemplate) {
        Simulator sim = new Simulator(this);
        Node target = targetOf(probeTemplate);
        List<List<TrueHop>> all = new ArrayList<>();
        for (List<Node> path : enumeratePaths(target)) {
            all.add(sim.trueHops(probeTemplate, path));
        }
        return new MultipathTruth(all);
    }

    /** The addresses that can answer at {@code ttl} for some flow toward the probe's destination. */
    public Set<InetAddress> allInterfacesAtTtl(byte[] probeTemplate, int ttl) {
        return multipathTruth(probeTemplate).interfacesAtTtl(ttl);
    }

    Node targetOf(byte[] probePacket) {
        IpPacket ip;
        try {
            ip = IpPacket.parse(probePacket);
        } catch (MalformedPacketException e) {
            throw new IllegalArgumentException("not an IP packet: " + e.getMessage(), e);
        }
        Node target = byAddress.get(ip.destination());
        if (target == null || target == source) {
            throw new IllegalArgumentException(ip.destination().getHostAddress() + " is not a destination in "
                    + name);
        }
        return target;
    }

    /** Every node sequence a packet can follow from the prober to {@code target}. */
    List<List<Node>> enumeratePaths(Node target) {
        List<List<Node>> paths = new ArrayList<>();
        List<Node> path = new ArrayList<>();
        path.add(source);
        walkAll(source, target, null, path, paths);
        return paths;
    }

    private void walkAll(Node at, Node target, MplsTunnel tunnel, List<Node> path, List<List<Node>> paths) {
        if (at == target) {
            if (paths.size() >= MAX_PATHS) {
                throw new IllegalStateException("more than " + MAX_PATHS + " paths toward " + target.name());
            }
            paths.add(List.copyOf(path));
            return;
        }
        if (tunnel != null && tunnel.after(at.name()) != null) {
            Node next = nodes.get(tunnel.after(at.name()));
            path.add(next);
            walkAll(next, target, tunnel, path, paths);
            path.remove(path.size() - 1);
            return;
        }
        for (Node next : nextHops(at, target)) {
            path.add(next);
            walkAll(next, target, tunnelEntered(at, next, target), path, paths);
            path.remove(path.size() - 1);
        }
    }

    @Override
    public String toString() {
        Set<String> fam = new LinkedHashSet<>();
        if (source.ipv4() != null) {
            fam.add("IPv4");
        }
        if (source.ipv6() != null) {
            fam.add("IPv6");
        }
        return "Topology[" + name + ": " + nodes.size() + " nodes, " + links.size() + " links, " + tunnels.size()
                + " MPLS tunnels, " + String.join("+", fam) + ", seed " + seed + "]";
    }
}
