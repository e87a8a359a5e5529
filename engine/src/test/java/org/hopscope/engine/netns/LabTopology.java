package org.hopscope.engine.netns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hopscope.engine.probe.ProbeProtocol;

/**
 * A small real network in namespaces, with the features Hopscope is about. IPv4 addresses from
 * 198.18.0.0/15, IPv6 from 2001:db8::/32 only; the source namespace routes nothing but these into
 * the topology, and no namespace has a link outside it.
 *
 * <pre>
 *                    +-- a1 ----------+
 *   src --- r1 (ECMP)                  m --- nat --- silent --- rl --- fw --- dst
 *                    +-- b1 --- b2 ---+    (masq)  (no time-   (ICMP  (fire-  (TCP :80
 *                                                   exceeded)  rate   wall)    listens)
 *                                                              limit)
 * </pre>
 *
 * <ul>
 * <li>r1: per-flow ECMP over two branches of unequal length (1 and 2 routers) that merge at m; the
 *     kernel hashes the packet's 5-tuple (fib_multipath_hash_policy=3, fields 0x37, fixed seed),
 *     IPv4 and IPv6.</li>
 * <li>nat masquerades what leaves towards 198.19.0.0/16; silent sends no time exceeded (nftables
 *     drops them on output); rl rate-limits ICMP ({@value #RATE_LIMIT_MS} ms per destination, burst
 *     6); every other node answers every probe (icmp_ratelimit=0, a high global ICMP budget); fw
 *     rejects UDP to port 7 (admin prohibited) and drops TCP to port 23; dst runs a TCP server on port
 *     {@value #TCP_PORT}.</li>
 * <li>IPv6 on the load-balanced part: src to m; the IPv6 target is m's address 2001:db8:6::1.</li>
 * <li>Routers answer from their ingress interface (icmp_errors_use_inbound_ifaddr=1), forward, and do
 *     no reverse-path filtering (ECMP branches return asymmetrically).</li>
 * </ul>
 */
public final class LabTopology implements AutoCloseable {
    public static final String BRANCH_A = "A";
    public static final String BRANCH_B = "B";
    public static final int RATE_LIMIT_MS = 250;
    public static final int TCP_PORT = 80;
    public static final int FIREWALLED_UDP_PORT = 7;
    public static final int FIREWALLED_TCP_PORT = 23;
    public static final InetAddress TARGET4 = Addresses.checked("198.19.10.2");
    public static final InetAddress TARGET6 = Addresses.checked("2001:db8:6::1");
    public static final InetAddress SOURCE4 = Addresses.checked("198.18.0.2");
    public static final InetAddress SOURCE6 = Addresses.checked("2001:db8::2");
    private static final String HASH_FIELDS = "0x37"; // src ip, dst ip, ip proto, src port, dst port
    private static final String HASH_SEED = "4242";

    private static final List<String> NODES = List.of("src", "r1", "a1", "b1", "b2", "m", "nat", "silent", "rl", "fw", "dst");

    private final NetnsRun run;
    private final Map<String, Netns> ns = new LinkedHashMap<>();
    /** node -> (peer -> this node's address on the link to peer), per family. */
    private final Map<String, Map<String, InetAddress>> v4 = new LinkedHashMap<>();
    private final Map<String, Map<String, InetAddress>> v6 = new LinkedHashMap<>();

    private LabTopology(NetnsRun run) {
        this.run = run;
    }

    /** Builds the whole topology (a few seconds); on any failure, what was built is deleted. */
    public static LabTopology build() {
        NetnsRun run = NetnsRun.start();
        LabTopology t = new LabTopology(run);
        try {
            t.create();
            return t;
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        }
    }

    private void create() {
        for (String n : NODES) {
            Netns x = run.create(n);
            ns.put(n, x);
            v4.put(n, new LinkedHashMap<>());
            v6.put(n, new LinkedHashMap<>());
            baseSysctls(n, x);
        }
        link("r1", "src", "198.18.0", "2001:db8:0:");
        link("r1", "a1", "198.18.1", "2001:db8:1:");
        link("r1", "b1", "198.18.2", "2001:db8:2:");
        link("a1", "m", "198.18.3", "2001:db8:3:");
        link("b1", "b2", "198.18.4", "2001:db8:4:");
        link("b2", "m", "198.18.5", "2001:db8:5:");
        link("m", "nat", "198.18.6", "2001:db8:6:");
        link("nat", "silent", "198.19.7", null);
        link("silent", "rl", "198.19.8", null);
        link("rl", "fw", "198.19.9", null);
        link("fw", "dst", "198.19.10", null);
        routes();
        features();
        warmNeighbours();
    }

    /**
     * One ping across every link, both ways and both families, so ARP and IPv6 neighbour discovery
     * are done before any test traces: a router's first packets to an unresolved neighbour wait in a
     * short queue, and the first IPv6 trace of a fresh lab lost a whole hop that way (as in a real
     * network, where routers' neighbour caches are warm). Bounded: one ping per link end, 1 s each.
     */
    private void warmNeighbours() {
        for (String n : NODES) {
            for (Map.Entry<String, InetAddress> peer : v4.get(n).entrySet()) {
                InetAddress there = v4.get(peer.getKey()).get(n);
                ns.get(n).tryExec(java.time.Duration.ofSeconds(3), "ping", "-4", "-n", "-q", "-c", "1", "-W", "1",
                        there.getHostAddress());
            }
            for (Map.Entry<String, InetAddress> peer : v6.get(n).entrySet()) {
                InetAddress there = v6.get(peer.getKey()).get(n);
                ns.get(n).tryExec(java.time.Duration.ofSeconds(3), "ping", "-6", "-n", "-q", "-c", "1", "-W", "1",
                        there.getHostAddress());
            }
        }
    }

    private void baseSysctls(String n, Netns x) {
        boolean router = !n.equals("src") && !n.equals("dst");
        x.sysctl("net.ipv4.conf.all.rp_filter", "0");
        x.sysctl("net.ipv4.conf.default.rp_filter", "0");
        x.sysctl("net.ipv6.conf.all.accept_dad", "0");
        x.sysctl("net.ipv6.conf.default.accept_dad", "0");
        x.sysctl("net.ipv4.ip_forward", router ? "1" : "0");
        x.sysctl("net.ipv6.conf.all.forwarding", router ? "1" : "0");
        x.sysctl("net.ipv4.icmp_errors_use_inbound_ifaddr", "1");
        boolean limited = n.equals("rl");
        x.sysctl("net.ipv4.icmp_ratelimit", limited ? Integer.toString(RATE_LIMIT_MS) : "0");
        x.sysctl("net.ipv6.icmp.ratelimit", limited ? Integer.toString(RATE_LIMIT_MS) : "0");
        if (!limited) {
            x.sysctl("net.ipv4.icmp_msgs_per_sec", "1000000");
            x.sysctl("net.ipv4.icmp_msgs_burst", "1000000");
        }
    }

    /** A veth pair between {@code a} (addresses .1 / ::1) and {@code b} (.2 / ::2); each end is named after its peer. */
    private void link(String a, String b, String net4, String net6) {
        ns.get(a).ip("link", "add", "name", b, "type", "veth", "peer", "name", a, "netns", ns.get(b).name());
        address(a, b, net4 + ".1/24", net6 == null ? null : net6 + ":1/64");
        address(b, a, net4 + ".2/24", net6 == null ? null : net6 + ":2/64");
    }

    private void address(String node, String peer, String cidr4, String cidr6) {
        Netns x = ns.get(node);
        x.ip("addr", "add", cidr4, "dev", peer);
        v4.get(node).put(peer, Addresses.checked(cidr4.substring(0, cidr4.indexOf('/'))));
        if (cidr6 != null) {
            x.ip("-6", "addr", "add", cidr6, "dev", peer, "nodad");
            v6.get(node).put(peer, Addresses.checked(cidr6.substring(0, cidr6.indexOf('/'))));
        }
        x.ip("link", "set", "dev", peer, "up");
    }

    private void routes() {
        route4("src", "198.18.0.0/15", "r1");
        route6("src", "2001:db8::/32", "r1");

        route4("r1", "198.18.3.0/24", "a1");
        route4("r1", "198.18.4.0/24", "b1");
        route4("r1", "198.18.5.0/24", "b1");
        multipath4("r1", "198.18.6.0/24", "a1", "b1");
        multipath4("r1", "198.19.0.0/16", "a1", "b1");
        route6("r1", "2001:db8:3::/64", "a1");
        route6("r1", "2001:db8:4::/64", "b1");
        route6("r1", "2001:db8:5::/64", "b1");
        multipath6("r1", "2001:db8:6::/64", "a1", "b1");

        route4("a1", "198.18.0.0/15", "r1");
        route4("a1", "198.18.6.0/24", "m");
        route4("a1", "198.19.0.0/16", "m");
        route6("a1", "2001:db8::/32", "r1");
        route6("a1", "2001:db8:6::/64", "m");

        route4("b1", "198.18.0.0/15", "r1");
        for (String net : List.of("198.18.5.0/24", "198.18.6.0/24", "198.19.0.0/16")) {
            route4("b1", net, "b2");
        }
        route6("b1", "2001:db8::/32", "r1");
        route6("b1", "2001:db8:5::/64", "b2");
        route6("b1", "2001:db8:6::/64", "b2");

        route4("b2", "198.18.0.0/15", "b1");
        route4("b2", "198.18.6.0/24", "m");
        route4("b2", "198.19.0.0/16", "m");
        route6("b2", "2001:db8::/32", "b1");
        route6("b2", "2001:db8:6::/64", "m");

        route4("m", "198.18.0.0/15", "a1"); // replies of branch-B flows come back over A: asymmetric
        route4("m", "198.19.0.0/16", "nat");
        route6("m", "2001:db8::/32", "a1");

        route4("nat", "198.18.0.0/15", "m");
        route4("nat", "198.19.8.0/21", "silent");
        route4("silent", "198.18.0.0/15", "nat");
        route4("silent", "198.19.9.0/24", "rl");
        route4("silent", "198.19.10.0/24", "rl");
        route4("rl", "198.18.0.0/15", "silent");
        route4("rl", "198.19.10.0/24", "fw");
        route4("fw", "198.18.0.0/15", "rl");
        route4("dst", "198.18.0.0/15", "fw");
    }

    private void route4(String node, String prefix, String via) {
        ns.get(node).ip("route", "add", prefix, "via", v4.get(via).get(node).getHostAddress());
    }

    private void route6(String node, String prefix, String via) {
        ns.get(node).ip("-6", "route", "add", prefix, "via", v6.get(via).get(node).getHostAddress());
    }

    private void multipath4(String node, String prefix, String via1, String via2) {
        ns.get(node).ip("route", "add", prefix, "nexthop", "via", v4.get(via1).get(node).getHostAddress(),
                "nexthop", "via", v4.get(via2).get(node).getHostAddress());
    }

    private void multipath6(String node, String prefix, String via1, String via2) {
        ns.get(node).ip("-6", "route", "add", prefix, "nexthop", "via", v6.get(via1).get(node).getHostAddress(),
                "nexthop", "via", v6.get(via2).get(node).getHostAddress());
    }

    private void features() {
        Netns r1 = ns.get("r1");
        // Hash the packet's 5-tuple (policy 3 = custom fields); policy 1 would hash the socket on veth.
        r1.sysctl("net.ipv4.fib_multipath_hash_policy", "3");
        r1.sysctl("net.ipv4.fib_multipath_hash_fields", HASH_FIELDS);
        r1.sysctl("net.ipv4.fib_multipath_hash_seed", HASH_SEED);
        r1.sysctl("net.ipv6.fib_multipath_hash_policy", "3");
        r1.sysctl("net.ipv6.fib_multipath_hash_fields", HASH_FIELDS);

        ns.get("nat").nft("""
                table ip hsnat {
                  chain hs_post { type nat hook postrouting priority srcnat; oifname "silent" masquerade; }
                }
                """);
        ns.get("silent").nft("""
                table inet hssilent {
                  chain hs_output { type filter hook output priority 0; icmp type time-exceeded drop; icmpv6 type time-exceeded drop; }
                }
                """);
        ns.get("fw").nft("""
                table inet hsfw {
                  chain hs_forward {
                    type filter hook forward priority 0;
                    udp dport %d reject with icmp type admin-prohibited;
                    tcp dport %d drop;
                  }
                }
                """.formatted(FIREWALLED_UDP_PORT, FIREWALLED_TCP_PORT));
        for (String branchRouter : List.of("a1", "b1")) {
            // Records every flow the branch forwards: the ground truth of what r1's hash decided.
            ns.get(branchRouter).nft("""
                    table inet hsflows {
                      set ports { typeof meta nfproto . meta l4proto . th sport . th dport; flags dynamic; size 65535; }
                      set icmp4 { typeof icmp id; flags dynamic; size 65535; }
                      set icmp6 { typeof icmpv6 id; flags dynamic; size 65535; }
                      chain hs_forward {
                        type filter hook forward priority -10;
                        meta l4proto { tcp, udp } update @ports { meta nfproto . meta l4proto . th sport . th dport };
                        icmp type echo-request update @icmp4 { icmp id };
                        icmpv6 type echo-request update @icmp6 { icmpv6 id };
                      }
                    }
                    """);
        }
        // Unprivileged ICMP datagram sockets for every group, in the source namespace only.
        ns.get("src").sysctl("net.ipv4.ping_group_range", "0 2147483647");
        ns.get("dst").spawn("nc", "-l", "-k", "-n", Integer.toString(TCP_PORT));
    }

    public NetnsRun run() {
        return run;
    }

    public Netns src() {
        return ns.get("src");
    }

    public Netns node(String name) {
        Netns x = ns.get(name);
        if (x == null) {
            throw new IllegalArgumentException("no node " + name + " (nodes: " + NODES + ")");
        }
        return x;
    }

    /** {@code node}'s address on its link to {@code peer}. */
    public InetAddress address(String node, String peer, boolean ipv6) {
        return (ipv6 ? v6 : v4).get(node).get(peer);
    }

    /** The hops of one branch towards TARGET4 (or TARGET6), TTL 1 first. */
    public List<Truth.Hop> path(String branch, boolean ipv6) {
        List<String> nodes = new ArrayList<>(List.of("src", "r1"));
        nodes.addAll(branch.equals(BRANCH_A) ? List.of("a1", "m") : List.of("b1", "b2", "m"));
        if (!ipv6) {
            nodes.addAll(List.of("nat", "silent", "rl", "fw", "dst"));
        }
        List<Truth.Hop> hops = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            String node = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            InetAddress a = ipv6 && last ? TARGET6 : address(node, nodes.get(i - 1), ipv6);
            hops.add(new Truth.Hop(i, node, a, node.equals("silent")));
        }
        return hops;
    }

    /**
     * The branch r1 actually sent a flow down, as recorded by the branch routers' nftables flow sets
     * (the flow must have crossed r1 already, e.g. a trace ran): the ground truth for a Paris trace.
     * The flow of an ICMP probe is its echo identifier (what a Paris trace holds constant).
     */
    public String branchTaken(ProbeProtocol protocol, boolean ipv6, int sourcePort, int destinationPort) {
        String key = protocol == ProbeProtocol.ICMP ? Integer.toString(sourcePort)
                : (ipv6 ? "10" : "2") + " . " + (protocol == ProbeProtocol.TCP ? "6" : "17") + " . " + sourcePort + " . "
                        + destinationPort; // nft -n: NFPROTO_IPV4 = 2, NFPROTO_IPV6 = 10; TCP 6, UDP 17
        String set = protocol == ProbeProtocol.ICMP ? (ipv6 ? "icmp6" : "icmp4") : "ports";
        List<String> seenBy = new ArrayList<>();
        for (String router : List.of("a1", "b1")) {
            String out = ns.get(router).exec("nft", "-n", "list", "set", "inet", "hsflows", set).out();
            if (java.util.regex.Pattern.compile("[{,]\\s*" + java.util.regex.Pattern.quote(key) + "\\s*[,}]")
                    .matcher(out.replace("\n", " ")).find()) {
                seenBy.add(router);
            }
        }
        if (seenBy.size() != 1) {
            throw new IllegalStateException("flow " + key + " was forwarded by " + seenBy + " (expected exactly one branch)");
        }
        return seenBy.get(0).equals("a1") ? BRANCH_A : BRANCH_B;
    }

    /**
     * The branch r1's kernel predicts for a flow ({@code ip route get ... iif ipproto sport dport}).
     * Exact for IPv4 (checked against forwarding); for IPv6 this kernel's prediction does not match
     * what forwarding does with hash policy 3, so use {@link #branchTaken} for truth.
     */
    public String branchOf(ProbeProtocol protocol, boolean ipv6, int sourcePort, int destinationPort) {
        InetAddress target = ipv6 ? TARGET6 : TARGET4;
        InetAddress source = ipv6 ? SOURCE6 : SOURCE4;
        List<String> argv = new ArrayList<>(List.of(ipv6 ? "-6" : "-4", "-o", "route", "get", target.getHostAddress(),
                "from", source.getHostAddress(), "iif", "src", "ipproto",
                protocol == ProbeProtocol.ICMP && ipv6 ? "ipv6-icmp" : protocol.cliName()));
        if (protocol != ProbeProtocol.ICMP) {
            argv.addAll(List.of("sport", Integer.toString(sourcePort), "dport", Integer.toString(destinationPort)));
        }
        String out = ns.get("r1").ip(argv.toArray(String[]::new)).out();
        if (out.contains(" dev a1 ")) { // r1's interfaces are named after their peers
            return BRANCH_A;
        }
        if (out.contains(" dev b1 ")) {
            return BRANCH_B;
        }
        throw new IllegalStateException("r1 routes the flow through neither branch: " + out);
    }

    public static boolean isV6(InetAddress a) {
        return a instanceof Inet6Address;
    }

    @Override
    public void close() {
        run.close();
    }
}
