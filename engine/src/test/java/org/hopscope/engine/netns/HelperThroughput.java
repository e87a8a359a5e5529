package org.hopscope.engine.netns;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Builder;
import org.hopscope.engine.packet.UdpBuilder;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.helper.HelperStats;
import org.hopscope.engine.transport.helper.HelperTransport;

/**
 * Sustained probes per second through the helper over one namespace link (part of {@link
 * RealTraceBench}): {@code n} distinct UDP probes to the neighbour router's closed port, at the
 * helper's rate ceiling, each answered by a port unreachable; counts how many answers came back
 * matched to their own probe.
 */
final class HelperThroughput {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int BATCH = 256;

    private HelperThroughput() {
    }

    static void run(LabTopology lab, InstalledHelper helper, TestUser user, int n) throws Exception {
        InetAddress dst = lab.address("r1", "src", false); // one veth link away; r1 answers without rate limit
        InetAddress src = lab.src().sourceFor(dst);
        try (HelperTransport t = HelperTransport.start(helper.launch(lab.src(), user), d -> src)) {
            int rate = t.setRate(t.rateCeiling());
            Set<Long> answered = new HashSet<>();
            long sent = 0;
            long failed = 0;
            long wrong = 0;
            int next = 0;
            long start = t.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(120);
            long lastEvent = start;
            while (answered.size() + failed < n && t.nanoTime() < end) {
                for (int k = 0; k < BATCH && next < n; k++, next++) {
                    t.send(next, probe(src, dst, next), TIMEOUT_NANOS);
                }
                long now = t.nanoTime();
                if (next == n && now - lastEvent > TIMEOUT_NANOS * 2) {
                    break; // nothing more is coming
                }
                for (TransportEvent e : t.poll(next < n ? now : now + 50_000_000L)) {
                    lastEvent = t.nanoTime();
                    if (e instanceof TransportEvent.Sent) {
                        sent++;
                    } else if (e instanceof TransportEvent.SendFailed) {
                        failed++;
                    } else if (e instanceof TransportEvent.Received r) {
                        if (quotesProbe(r.ipPacket(), (int) r.tokenHint())) {
                            answered.add(r.tokenHint());
                        } else {
                            wrong++;
                        }
                    }
                }
            }
            double secs = (t.nanoTime() - start) / 1e9;
            HelperStats st = t.stats();
            System.out.println();
            System.out.printf("== sustained probing through the helper, one veth link (%d probes, rate ceiling %d/s)%n", n, rate);
            System.out.printf("sent %d, answered and matched %d, lost %d, send failures %d, mismatched %d, in %.2f s:"
                    + " %.0f probes/s answered%n", sent, answered.size(), n - answered.size() - failed, failed, wrong, secs,
                    answered.size() / secs);
            System.out.println("helper counters: " + st.counters());
            System.out.println("memory: helper VmHWM " + TraceMain.vmHwmKb(t.helperPid()) + " KiB after " + n + " probes");
        }
    }

    /** Probe i: its own source port and payload, so its port unreachable can be told from every other's. */
    private static byte[] probe(InetAddress src, InetAddress dst, int i) {
        byte[] payload = {'H', 'S', 'T', 'P', (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
        byte[] udp = new UdpBuilder().sourcePort(20000 + i % 40000).destinationPort(33457).payload(payload).build(src, dst);
        return new Ipv4Builder().source(src).destination(dst).ttl(64).identification(i & 0xffff).protocol(IpProtocol.UDP)
                .payload(udp).build();
    }

    /** Whether a port unreachable quotes probe i (its payload, at the end of the quote, carries i). */
    private static boolean quotesProbe(byte[] reply, int i) {
        int n = reply.length;
        return n >= 4 && reply[n - 4] == (byte) (i >>> 24) && reply[n - 3] == (byte) (i >>> 16)
                && reply[n - 2] == (byte) (i >>> 8) && reply[n - 1] == (byte) i;
    }
}
