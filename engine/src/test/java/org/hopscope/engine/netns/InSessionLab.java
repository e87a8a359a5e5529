package org.hopscope.engine.netns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP InSession lab: a chain {@code src - r1 - r2 - fw - dst}, IPv4 (198.18.40-43.0/24) and IPv6
 * (2001:db8:40-43::/64) on every link. {@code fw} is a stateful nftables firewall in front of the
 * destination ({@link #firewall}); {@code dst} runs the test's TCP server. Every router answers every
 * probe (no ICMP rate limit). Nothing is routed outside 198.18.0.0/15 and 2001:db8::/32.
 */
public final class InSessionLab implements AutoCloseable {
    public static final List<String> NODES = List.of("src", "r1", "r2", "fw", "dst");
    public static final int PORT = 80;

    /**
     * Drops UDP and ICMP echo towards the destination, admits new TCP connections to port 80 at a low
     * rate (a burst of 2, then 1 per minute: a SYN-flood guard), passes established flows; port 82 is silently
     * dropped (a destination that does not answer).
     */
    public static final String FIREWALL = """
            flush ruleset
            table inet hsfw {
              chain guard {
                type filter hook forward priority 0; policy accept;
                ct state established,related accept
                ct state invalid drop
                meta l4proto udp drop
                icmp type echo-request drop
                icmpv6 type echo-request drop
                tcp dport 82 drop
                tcp dport 80 ct state new limit rate 1/minute burst 2 packets accept
                tcp dport 80 ct state new drop
              }
            }
            """;

    private final NetnsRun run;
    private final List<Netns> ns = new ArrayList<>();

    private InSessionLab(NetnsRun run) {
        this.run = run;
    }

    public static InSessionLab build() {
        NetnsRun run = NetnsRun.start();
        InSessionLab lab = new InSessionLab(run);
        try {
            lab.create();
            return lab;
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        }
    }

    private void create() {
        for (String n : NODES) {
            Netns x = run.create(n);
            ns.add(x);
            boolean router = !n.equals("src") && !n.equals("dst");
            x.sysctl("net.ipv4.conf.all.rp_filter", "0");
            x.sysctl("net.ipv4.conf.default.rp_filter", "0");
            x.sysctl("net.ipv6.conf.all.accept_dad", "0");
            x.sysctl("net.ipv6.conf.default.accept_dad", "0");
            x.sysctl("net.ipv4.ip_forward", router ? "1" : "0");
            x.sysctl("net.ipv6.conf.all.forwarding", router ? "1" : "0");
            x.sysctl("net.ipv4.icmp_ratelimit", "0");
            x.sysctl("net.ipv6.icmp.ratelimit", "0");
            x.sysctl("net.ipv4.icmp_msgs_per_sec", "1000000");
            x.sysctl("net.ipv4.icmp_msgs_burst", "1000000");
            x.exec("ip", "link", "set", "lo", "up");
        }
        for (int i = 0; i + 1 < NODES.size(); i++) {
            Netns a = ns.get(i);
            Netns b = ns.get(i + 1);
            a.ip("link", "add", "name", "right", "type", "veth", "peer", "name", "left", "netns", b.name());
            a.ip("addr", "add", v4(i, 1) + "/24", "dev", "right");
            b.ip("addr", "add", v4(i, 2) + "/24", "dev", "left");
            a.ip("-6", "addr", "add", v6(i, 1) + "/64", "dev", "right", "nodad");
            b.ip("-6", "addr", "add", v6(i, 2) + "/64", "dev", "left", "nodad");
            a.ip("link", "set", "right", "up");
            b.ip("link", "set", "left", "up");
        }
        // node i reaches link j (between nodes j and j+1) leftwards via link i-1, rightwards via link i.
        for (int i = 0; i < NODES.size(); i++) {
            for (int j = 0; j + 1 < NODES.size(); j++) {
                if (j == i || j == i - 1) {
                    continue; // directly connected
                }
                boolean right = j > i;
                String via4 = right ? v4(i, 2) : v4(i - 1, 1);
                String via6 = right ? v6(i, 2) : v6(i - 1, 1);
                ns.get(i).ip("route", "add", "198.18." + (40 + j) + ".0/24", "via", via4);
                ns.get(i).ip("-6", "route", "add", "2001:db8:" + (40 + j) + "::/64", "via", via6);
            }
        }
        firewall(FIREWALL);
    }

    private static String v4(int link, int host) {
        return "198.18." + (40 + link) + "." + host;
    }

    private static String v6(int link, int host) {
        return "2001:db8:" + (40 + link) + "::" + host;
    }

    /** (Re)loads the firewall ruleset on fw; a fresh load also refills the new-connection budget. */
    public void firewall(String ruleset) {
        node("fw").nft(ruleset);
    }

    public Netns node(String name) {
        return ns.get(NODES.indexOf(name));
    }

    public NetnsRun run() {
        return run;
    }

    public static InetAddress target(boolean ipv6) {
        return Addresses.checked(ipv6 ? v6(3, 2) : v4(3, 2));
    }

    /** The source's address. */
    public static InetAddress source(boolean ipv6) {
        return Addresses.checked(ipv6 ? v6(0, 1) : v4(0, 1));
    }

    /** The address hop {@code ttl} (1 = r1) answers from: its interface towards src. */
    public static InetAddress hop(int ttl, boolean ipv6) {
        return Addresses.checked(ipv6 ? v6(ttl - 1, 2) : v4(ttl - 1, 2));
    }

    @Override
    public void close() {
        run.close();
    }
}
