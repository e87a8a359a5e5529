package org.hopscope.engine.insession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hopscope.engine.netns.ChildJvm;
import org.hopscope.engine.netns.Cmd;
import org.hopscope.engine.netns.InSessionLab;
import org.hopscope.engine.netns.InstalledHelper;
import org.hopscope.engine.netns.NetnsPreconditions;
import org.hopscope.engine.netns.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's acceptance, on real kernels in namespaces ({@link InSessionLab}): behind a stateful
 * firewall that drops UDP and ICMP echo and admits new TCP connections only at a low rate, classic
 * UDP, ICMP and TCP-SYN traces stop at the firewall while TCP InSession, run by an unprivileged user
 * through the installed helper, reaches the destination with every hop answering every probe, and
 * the server application receives zero bytes. Plus the clear errors: refused, silent, no SACK, reset.
 */
class InSessionNetnsTest {
    private static final int DST_TTL = 4;
    private static InSessionLab lab;
    private static TestUser user;
    private static InstalledHelper helper;
    private static ChildJvm jvm;
    private static Process server;
    private static final List<String> serverLines = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void setUp() throws Exception {
        NetnsPreconditions.require("nft", "setcap", "setpriv", "useradd", "traceroute");
        lab = InSessionLab.build();
        user = TestUser.ensure();
        helper = InstalledHelper.install(lab.run());
        jvm = ChildJvm.prepare(lab.run());
        server = new ProcessBuilder(jvm.command(lab.node("dst"), null, CountingServer.class.getName(),
                List.of(Integer.toString(InSessionLab.PORT)))).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("READY", out.readLine(), "the counting server in dst did not start");
        Thread t = new Thread(() -> {
            try {
                for (String l; (l = out.readLine()) != null;) {
                    serverLines.add(l);
                }
            } catch (IOException e) {
                // server killed
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.destroyForcibly();
        }
        if (jvm != null) {
            jvm.close();
        }
        if (lab != null) {
            lab.close();
        }
        if (helper != null) {
            helper.close();
        }
    }

    @Test
    void classicTracesStopAtTheFirewallWhileInSessionReachesTheDestination() {
        lab.firewall(InSessionLab.FIREWALL); // fresh new-connection budget
        InetAddress dst = InSessionLab.target(false);
        InetAddress fw = InSessionLab.hop(DST_TTL - 1, false);
        for (String mode : List.of("-U", "-I")) {
            List<String> hops = traceroute(false, mode);
            assertTrue(hops.contains(fw.getHostAddress()), mode + " trace should reach the firewall: " + hops);
            assertFalse(hops.contains(dst.getHostAddress()), mode + " trace should stop at the firewall: " + hops);
        }

        String client = "/198.18.40.1:";
        Map<Integer, String> before = connectionsFrom(client);
        String out = inSession(dst, InSessionLab.PORT, "flows=2", "rounds=3");
        assertTrue(out.contains("REACHED " + DST_TTL + "\n"), out);
        assertTrue(out.contains("TIMESTAMPS true"), "timestamps are negotiated by Linux and must be used:\n" + out);
        for (int ttl = 1; ttl <= DST_TTL; ttl++) {
            // every responsive hop answers every probe: 2 connections x 3 rounds
            String who = ttl == DST_TTL ? dst.getHostAddress() : InSessionLab.hop(ttl, false).getHostAddress();
            assertTrue(out.contains("HOP " + ttl + " " + who + " 6/6\n"), "hop " + ttl + ":\n" + out);
        }
        assertEquals(2, distinctSourcePorts(out), "two connections, two source ports:\n" + out);
        assertZeroBytes(client, before, 2);

        // The firewall's budget of new connections is now spent: a SYN trace (one new flow per probe) stops there.
        List<String> syn = traceroute(false, "-T");
        assertTrue(syn.contains(fw.getHostAddress()), "SYN trace should reach the firewall: " + syn);
        assertFalse(syn.contains(dst.getHostAddress()), "SYN trace should stop at the firewall: " + syn);
    }

    @Test
    void inSessionOverIpv6() {
        lab.firewall(InSessionLab.FIREWALL);
        InetAddress dst = InSessionLab.target(true);
        List<String> udp = traceroute(true, "-U");
        assertFalse(udp.contains(dst.getHostAddress()), "UDP trace should stop at the firewall: " + udp);
        String client = "/[2001:db8:40:0:0:0:0:1]:";
        Map<Integer, String> before = connectionsFrom(client);
        String out = inSession(dst, InSessionLab.PORT, "flows=1", "rounds=2");
        assertTrue(out.contains("REACHED " + DST_TTL + "\n"), out);
        for (int ttl = 1; ttl < DST_TTL; ttl++) {
            assertTrue(out.contains("HOP " + ttl + " " + InSessionLab.hop(ttl, true).getHostAddress() + " 2/2\n"), out);
        }
        assertTrue(out.contains("HOP " + DST_TTL + " " + dst.getHostAddress() + " 2/2\n"), out);
        assertZeroBytes(client, before, 1);
    }

    @Test
    void clearErrorsForRefusedSilentNoSackAndReset() {
        lab.firewall(InSessionLab.FIREWALL);
        InetAddress dst = InSessionLab.target(false);
        assertTrue(inSession(dst, 81).contains("ERROR CONNECTION_REFUSED "), "nothing listens on 81");
        String silent = inSession(dst, 82, "connect-ms=1500");
        assertTrue(silent.contains("ERROR DESTINATION_SILENT no answer from 198.18.43.2 port 82 within 1500 ms"), silent);

        lab.node("dst").sysctl("net.ipv4.tcp_sack", "0");
        try {
            String noSack = inSession(dst, InSessionLab.PORT);
            assertTrue(noSack.contains("ERROR SACK_NOT_PERMITTED 198.18.43.2 port 80 does not permit SACK"), noSack);
        } finally {
            lab.node("dst").sysctl("net.ipv4.tcp_sack", "1");
        }

        // The destination answers data (PSH) with a reset: the kernel's own segments carry no PSH.
        lab.node("dst").nft("table inet hsrst {\n chain input_rst {\n  type filter hook input priority 0;\n"
                + "  tcp dport 80 tcp flags & psh == psh reject with tcp reset\n }\n}\n");
        try {
            String reset = inSession(dst, InSessionLab.PORT);
            assertTrue(reset.contains("ERROR RESET 198.18.43.2 port 80 reset the connection"), reset);
        } finally {
            lab.node("dst").nft("delete table inet hsrst");
        }
    }

    private static String inSession(InetAddress target, int port, String... extra) {
        List<String> args = new ArrayList<>(List.of("target=" + target.getHostAddress(), "port=" + port,
                "helper=" + helper.binary(), "maxttl=6", "wait-ms=1000"));
        args.addAll(List.of(extra));
        Cmd.Result r = jvm.run(lab.node("src"), user, Duration.ofSeconds(60), InSessionMain.class.getName(), args);
        assertEquals(0, r.exit(), r.out() + r.err());
        return r.out();
    }

    /** The responders of a system traceroute run (as root) in src, in order. */
    private static List<String> traceroute(boolean ipv6, String mode) {
        List<String> argv = new ArrayList<>(List.of("traceroute", ipv6 ? "-6" : "-4", "-n", mode, "-q", "2", "-w", "1",
                "-m", "6"));
        if (mode.equals("-T")) {
            argv.addAll(List.of("-p", Integer.toString(InSessionLab.PORT)));
        }
        argv.add(InSessionLab.target(ipv6).getHostAddress());
        Cmd.Result r = lab.node("src").tryExec(Duration.ofSeconds(30), argv.toArray(new String[0]));
        List<String> hops = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)\\s((?:\\d+\\.){3}\\d+|[0-9a-f]*:[0-9a-f:]+)\\s").matcher(r.out());
        String header = r.out().lines().findFirst().orElse("");
        String body = r.out().substring(Math.min(r.out().length(), header.length()));
        m = m.reset(body);
        while (m.find()) {
            hops.add(m.group(1));
        }
        return hops;
    }

    /** Connections the server saw end, by index, from {@code client} (to diff before/after). */
    private static Map<Integer, String> connectionsFrom(String client) {
        Map<Integer, String> m = new java.util.TreeMap<>();
        synchronized (serverLines) {
            for (int i = 0; i < serverLines.size(); i++) {
                if (serverLines.get(i).contains(client)) {
                    m.put(i, serverLines.get(i));
                }
            }
        }
        return m;
    }

    /** The server saw {@code expected} new connections end (each closed cleanly) and received 0 bytes on each. */
    private static void assertZeroBytes(String client, Map<Integer, String> before, int expected) {
        long end = System.nanoTime() + 3_000_000_000L;
        List<String> fresh = List.of();
        while (System.nanoTime() < end) {
            fresh = connectionsFrom(client).entrySet().stream().filter(e -> !before.containsKey(e.getKey()))
                    .map(Map.Entry::getValue).toList();
            if (fresh.size() >= expected) {
                break;
            }
            Cmd.run("sleep", "0.1");
        }
        assertEquals(expected, fresh.size(), "connections the server saw end: " + fresh + " (all: " + serverLines + ")");
        for (String l : fresh) {
            assertTrue(l.endsWith(" BYTES 0"), "the server application must receive nothing: " + l);
            // "CONN /addr:port BYTES 0": no "(exception)" between, so the connection ended with FIN, not reset.
            assertTrue(l.matches("CONN /\\S+ BYTES 0"), "the connection must end cleanly: " + l);
        }
    }

    private static long distinctSourcePorts(String out) {
        return out.lines().filter(l -> l.startsWith("PROBE ")).map(l -> l.split(" ")[2]).distinct().count();
    }
}
