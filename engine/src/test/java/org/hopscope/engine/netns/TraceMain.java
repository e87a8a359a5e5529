package org.hopscope.engine.netns;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.probe.ProbeMethod;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.LinkSnapshot;
import org.hopscope.engine.trace.ProbeRecord;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.datagram.DatagramTransport;
import org.hopscope.engine.transport.datagram.LocalRoute;
import org.hopscope.engine.transport.helper.HelperTransport;

/**
 * A trace run as a program, for child JVMs inside a namespace ({@link ChildJvm}) and for the
 * benchmark scripts. Arguments are {@code key=value}: transport (datagram|helper), target, protocol,
 * method (paris|classic), algorithm, sport, dport, q, maxttl, wait-ms, grace-ms, helper (a helper path). Prints
 * one fact per line, for tests to parse:
 * <pre>
 * TRANSPORT transport: datagram (ICMP, UDP; ...)
 * HOP 1 198.18.0.1
 * LINK 198.18.0.1 198.18.1.2
 * PROBES 24 sent, 21 answered
 * STATUS REACHED
 * WALL_MS 12.3
 * VMHWM_KB 45678
 * </pre>
 */
public final class TraceMain {
    private TraceMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String s : args) {
            int eq = s.indexOf('=');
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        InetAddress target = InetAddress.getByName(a.get("target"));
        TraceSettings settings = TraceSettings.builder(a.get("target"))
                .protocol(ProbeProtocol.parse(a.getOrDefault("protocol", "udp")))
                .method(ProbeMethod.valueOf(a.getOrDefault("method", "paris").toUpperCase(java.util.Locale.ROOT)))
                .algorithm(Algorithm.parse(a.getOrDefault("algorithm", "concurrent")))
                .sourcePort(Integer.parseInt(a.getOrDefault("sport", "33456")))
                .probesPerHop(Integer.parseInt(a.getOrDefault("q", "3")))
                .maxTtl(Integer.parseInt(a.getOrDefault("maxttl", "12")))
                .waitTime(Duration.ofMillis(Long.parseLong(a.getOrDefault("wait-ms", "2000"))))
                .grace(Duration.ofMillis(Long.parseLong(a.getOrDefault("grace-ms", "50"))))
                .build();
        if (a.containsKey("dport")) {
            settings = settings.toBuilder().destinationPort(Integer.parseInt(a.get("dport"))).build();
        }
        long start = System.nanoTime();
        try (ProbeTransport t = open(a.getOrDefault("transport", "datagram"), a.get("helper"))) {
            System.out.println("TRANSPORT " + t.info().summary());
            TraceSnapshot s = Traces.run(t, settings, target);
            print(s);
        }
        System.out.printf("WALL_MS %.1f%n", (System.nanoTime() - start) / 1e6);
        System.out.println("VMHWM_KB " + vmHwmKb(ProcessHandle.current().pid()));
    }

    /** The peak resident set size of a process (VmHWM in /proc/PID/status), in KiB; -1 if unreadable. */
    public static long vmHwmKb(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static ProbeTransport open(String kind, String helper) throws Exception {
        if (kind.equals("helper")) {
            return helper == null ? HelperTransport.startInstalled()
                    : HelperTransport.start(HelperTransport.Launch.of(Path.of(helper)), LocalRoute::sourceFor);
        }
        return DatagramTransport.open();
    }

    static void print(TraceSnapshot s) {
        for (HopSnapshot h : s.hops()) {
            if (!h.interfaces().isEmpty()) {
                System.out.println("HOP " + h.ttl().value() + " " + h.interfaces().stream()
                        .map(InterfaceSnapshot::address).map(InetAddress::getHostAddress).collect(Collectors.joining(",")));
            }
        }
        for (LinkSnapshot l : s.links()) {
            System.out.println("LINK " + l.from().getHostAddress() + " " + l.to().getHostAddress());
        }
        long answered = s.probes().stream().filter(ProbeRecord::isAnswered).count();
        System.out.println("PROBES " + s.probes().size() + " sent, " + answered + " answered");
        for (ProbeRecord p : s.probes()) {
            if (p.isAnswered()) {
                System.out.println("RTT " + p.ttl().value() + " " + p.reply().from().getHostAddress() + " " + p.reply().rttNanos());
            } else if (p.error() != null) {
                System.out.println("ERROR " + p.ttl().value() + " " + p.error());
            }
        }
        System.out.println("STATUS " + s.status() + (s.statusDetail().isEmpty() ? "" : " " + s.statusDetail()));
    }
}
