package org.hopscope.engine.netns;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A home-to-service path for the connectivity check's acceptance tests:
 *
 * <pre>
 *  client --- gw --- isp (DNS :53) --- transit --- edge --- server (TCP :443)
 *  .0.2   .0.1 .1.1  .1.2      .2.1    .2.2  .3.1  .3.2 .4.1   198.19.4.2
 *  (198.18.x.y except the server's link, 198.19.4.0/24)
 * </pre>
 *
 * The client has a default route to gw (what the check discovers as the gateway); it is safe: the
 * client's only link is to gw, and no namespace here has a link outside the topology, so nothing can
 * leave it. Every router answers every probe (no ICMP rate limit) until a scenario says otherwise;
 * routers answer from their inbound interface. Scenarios are applied and removed with nftables tables
 * named {@code hscheck} in one namespace.
 */
public final class CheckTopology implements AutoCloseable {
    public static final InetAddress GATEWAY = Addresses.checked("198.18.0.1");
    public static final InetAddress DNS = Addresses.checked("198.18.1.2");
    public static final InetAddress SERVER = Addresses.checked("198.19.4.2");
    public static final int SERVICE_PORT = 443;

    private static final List<String> NODES = List.of("client", "gw", "isp", "transit", "edge", "server");
    private final NetnsRun run;
    private final Map<String, Netns> ns = new LinkedHashMap<>();

    private CheckTopology(NetnsRun run) {
        this.run = run;
    }

    public static CheckTopology build() {
        NetnsRun run = NetnsRun.start();
        CheckTopology t = new CheckTopology(run);
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
            boolean router = !n.equals("client") && !n.equals("server");
            x.sysctl("net.ipv4.conf.all.rp_filter", "0");
            x.sysctl("net.ipv4.conf.default.rp_filter", "0");
            x.sysctl("net.ipv4.ip_forward", router ? "1" : "0");
            x.sysctl("net.ipv4.icmp_errors_use_inbound_ifaddr", "1");
            x.sysctl("net.ipv4.icmp_ratelimit", "0");
            x.sysctl("net.ipv4.icmp_msgs_per_sec", "1000000");
            x.sysctl("net.ipv4.icmp_msgs_burst", "1000000");
        }
        // Unprivileged ICMP (datagram transport) for the client's processes.
        ns.get("client").sysctl("net.ipv4.ping_group_range", "0 2147483647");
        link("gw", "client", "198.18.0.1/24", "198.18.0.2/24");
        link("gw", "isp", "198.18.1.1/24", "198.18.1.2/24");
        link("isp", "transit", "198.18.2.1/24", "198.18.2.2/24");
        link("transit", "edge", "198.18.3.1/24", "198.18.3.2/24");
        link("edge", "server", "198.19.4.1/24", "198.19.4.2/24");
        ns.get("client").ip("route", "add", "default", "via", "198.18.0.1");
        route("gw", "198.18.2.0/23", "198.18.1.2");
        route("gw", "198.19.0.0/16", "198.18.1.2");
        route("isp", "198.18.0.0/24", "198.18.1.1");
        route("isp", "198.18.3.0/24", "198.18.2.2");
        route("isp", "198.19.0.0/16", "198.18.2.2");
        route("transit", "198.18.0.0/23", "198.18.2.1");
        route("transit", "198.19.0.0/16", "198.18.3.2");
        route("edge", "198.18.0.0/22", "198.18.3.1");
        route("server", "198.18.0.0/15", "198.19.4.1");
    }

    /** A veth pair; each end is named after its peer. */
    private void link(String a, String b, String cidrA, String cidrB) {
        ns.get(a).ip("link", "add", "name", b, "type", "veth", "peer", "name", a, "netns", ns.get(b).name());
        ns.get(a).ip("addr", "add", cidrA, "dev", b);
        ns.get(b).ip("addr", "add", cidrB, "dev", a);
        ns.get(a).ip("link", "set", "dev", b, "up");
        ns.get(b).ip("link", "set", "dev", a, "up");
        ns.get(a).ip("link", "set", "dev", "lo", "up");
        ns.get(b).ip("link", "set", "dev", "lo", "up");
    }

    private void route(String node, String prefix, String via) {
        ns.get(node).ip("route", "add", prefix, "via", via);
    }

    public NetnsRun run() {
        return run;
    }

    public Netns node(String name) {
        Netns n = ns.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node " + name);
        }
        return n;
    }

    /** Drops {@code percent}% of what gw receives from the client, at random (nftables numgen). */
    public void lossAtGateway(int percent) {
        node("gw").nft("table inet hscheck {\n chain pre {\n  type filter hook prerouting priority -300;\n"
                + "  iifname \"client\" numgen random mod 100 < " + percent + " drop\n }\n}\n");
    }

    /** transit sends at most 2 time-exceeded messages a second (burst 2) and forwards everything. */
    public void icmpRateLimitAtTransit() {
        node("transit").nft("table inet hscheck {\n chain out {\n  type filter hook output priority 0;\n"
                + "  icmp type time-exceeded limit rate over 2/second burst 2 packets drop\n }\n}\n");
    }

    /** edge forwards no UDP and no ICMP (TCP passes): a firewall in front of the service. */
    public void firewallAtEdge() {
        node("edge").nft("table inet hscheck {\n chain forward_filter {\n  type filter hook forward priority 0;\n"
                + "  meta l4proto { udp, icmp } drop\n }\n}\n");
    }

    /** Removes a scenario's table from {@code node} (no error if there is none). */
    public void clear(String node) {
        node(node).tryExec(Cmd.DEFAULT_TIMEOUT, "nft", "delete", "table", "inet", "hscheck");
    }

    @Override
    public void close() {
        run.close();
    }
}
