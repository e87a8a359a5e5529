package org.hopscope.engine.netns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.hopscope.engine.enrich.TestDnsServer;

/**
 * The check lab's services, run in a child JVM inside a namespace: {@code dns=ADDR} serves
 * {@code service.check.test A 198.19.4.2} on ADDR:53 (NXDOMAIN for every other name);
 * {@code tcp=ADDR:PORT} accepts and closes connections. Prints {@code READY} once listening, then
 * runs until killed (the namespace's processes are killed by pid when the run ends), at most 10 minutes.
 */
public final class CheckLabServices {
    /** The lab's IP-to-ASN zone (Team Cymru's format). */
    public static final String AS_ZONE = "asn.lab.test";
    private CheckLabServices() {
    }

    public static void main(String[] args) throws Exception {
        TestDnsServer dns = null;
        ServerSocket tcp = null;
        for (String a : args) {
            String v = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("dns=")) {
                dns = TestDnsServer.answering(new InetSocketAddress(InetAddress.getByName(v), 53));
                dns.host("service.check.test", CheckTopology.SERVER.getHostAddress());
                // Names and Team-Cymru-format AS records of the lab's routers, in the lab's own zone.
                String[][] hops = {{"198.18.0.1", "gw.home.test", "64500", "HOME-LAN"},
                    {"198.18.1.2", "bras1.isp.test", "64501", "ISP-EXAMPLE"},
                    {"198.18.2.2", "core1.transit.test", "64510", "TRANSIT-EXAMPLE"},
                    {"198.18.3.2", "edge1.service.test", "64520", "SERVICE-NET"},
                    {"198.19.4.2", "service.check.test", "64520", "SERVICE-NET"}};
                for (String[] h : hops) {
                    dns.ptr(h[0], h[1]);
                    dns.cymru(AS_ZONE, h[0], Long.parseLong(h[2]), h[0].substring(0, h[0].lastIndexOf('.')) + ".0/24",
                            "ZZ", "lab", h[3]);
                }
                // Warm up both sides of the DNS code (class loading, JIT) so the check's timing is the network's.
                for (int i = 0; i < 20; i++) {
                    org.xbill.DNS.SimpleResolver r = new org.xbill.DNS.SimpleResolver(dns.address());
                    r.setTimeout(java.time.Duration.ofSeconds(2));
                    r.send(org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(
                            org.xbill.DNS.Name.fromString("service.check.test."), org.xbill.DNS.Type.A,
                            org.xbill.DNS.DClass.IN)));
                }
            } else if (a.startsWith("tcp=")) {
                int colon = v.lastIndexOf(':');
                tcp = new ServerSocket();
                tcp.bind(new InetSocketAddress(InetAddress.getByName(v.substring(0, colon)),
                        Integer.parseInt(v.substring(colon + 1))));
            }
        }
        System.out.println("READY");
        System.out.flush();
        long end = System.nanoTime() + 600_000_000_000L;
        if (tcp != null) {
            tcp.setSoTimeout(1000);
            while (System.nanoTime() < end) {
                try (Socket s = tcp.accept()) {
                    s.getInputStream().available();
                } catch (java.net.SocketTimeoutException e) {
                    // keep listening
                }
            }
        } else {
            Thread.sleep(600_000);
        }
        if (dns != null) {
            dns.close();
        }
    }
}
