package org.hopscope.engine.probe;

import java.net.Inet6Address;
import org.hopscope.engine.packet.Ipv4Builder;
import org.hopscope.engine.packet.Ipv6Builder;

/** Puts a transport segment into an IPv4 or IPv6 header, per the probe's address family. */
final class IpEnvelope {
    private IpEnvelope() {
    }

    static boolean isV6(ProbeSpec spec) {
        return spec.destination() instanceof Inet6Address;
    }

    static int headerLength(boolean v6) {
        return v6 ? 40 : 20;
    }

    /**
     * @param ipId IPv4 identification (ignored for IPv6)
     * @param protocol upper-layer protocol number (ICMP is mapped to 58 for IPv6 by the caller)
     */
    static byte[] wrap(ProbeSpec spec, int tos, int flowLabel, int ipId, int protocol, byte[] segment) {
        if (isV6(spec)) {
            return new Ipv6Builder()
                    .source(spec.source())
                    .destination(spec.destination())
                    .hopLimit(spec.ttl().value())
                    .trafficClass(tos)
                    .flowLabel(flowLabel)
                    .nextHeader(protocol)
                    .payload(segment)
                    .build();
        }
        // DF clear: a probe must be able to cross links of any MTU; PMTU discovery sets it on purpose.
        return new Ipv4Builder()
                .source(spec.source())
                .destination(spec.destination())
                .ttl(spec.ttl().value())
                .tos(tos)
                .identification(ipId)
                .dontFragment(false)
                .protocol(protocol)
                .payload(segment)
                .build();
    }
}
