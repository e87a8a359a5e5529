package org.hopscope.engine.pmtu;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.helper.HelperTransport;

/**
 * Runs path MTU discovery from inside a test namespace ({@code ip netns exec hsmtu-...-src java ...})
 * over raw sockets, printing one line per hop for the test that started it:
 * {@code HOP ttl address mtu reduced evidence}, then {@code PMTU n reached}.
 * Arguments: source target protocol(udp|icmp) [helper-binary] (raw sockets of this JVM without it,
 * else the native helper through {@link HelperTransport}).
 */
public final class NetnsPmtuMain {
    private NetnsPmtuMain() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress source = InetAddress.getByName(args[0]);
        InetAddress target = InetAddress.getByName(args[1]);
        ProbeProtocol protocol = ProbeProtocol.parse(args[2]);
        TraceSettings s = TraceSettings.builder(args[1]).protocol(protocol).maxTtl(8).maxMissingHops(2)
                .waitTime(Duration.ofMillis(500)).build();
        long t0 = System.nanoTime();
        try (ProbeTransport t = args.length > 3
                ? HelperTransport.start(HelperTransport.Launch.of(Path.of(args[3])), d -> source)
                : new RawSocketTransport(source)) {
            PathMtuResult r = new PathMtuDiscovery(s, new PmtuOptions(1500, 2, null), t, target).run();
            for (HopMtu h : r.hops()) {
                System.out.println("HOP " + h.ttl() + " " + h.address().map(InetAddress::getHostAddress).orElse("*")
                        + " " + h.mtu() + " " + h.reducedHere() + " " + h.evidence());
            }
            System.out.println("PMTU " + r.pathMtu() + " " + r.reachedDestination() + " " + r.probesSent() + " "
                    + (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
