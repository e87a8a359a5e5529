package org.hopscope.engine.transport;

import java.util.Set;
import org.hopscope.engine.probe.ProbeProtocol;

/**
 * What a transport is, what it can send, and what using it costs the user, in words the CLI prints
 * and the GUI's status line shows.
 *
 * @param kind which family of transport
 * @param name short name, e.g. "helper", "datagram", "simulated"
 * @param protocols the probe protocols it can send
 * @param ipv6 whether IPv6 probes work
 * @param fullHeaderControl whether every header field the engine crafts reaches the wire unchanged
 * @param limitations plain sentences on what is lost with this transport (empty when nothing is)
 */
public record TransportInfo(
        Kind kind,
        String name,
        Set<ProbeProtocol> protocols,
        boolean ipv6,
        boolean fullHeaderControl,
        java.util.List<String> limitations) {

    public enum Kind { HELPER, DATAGRAM, SIMULATED }

    public TransportInfo {
        protocols = Set.copyOf(protocols);
        limitations = java.util.List.copyOf(limitations);
    }

    /** One line, e.g. for stderr: "transport: helper (raw sockets; UDP, ICMP, TCP; IPv4+IPv6)". */
    public String summary() {
        StringBuilder sb = new StringBuilder("transport: ").append(name).append(" (");
        sb.append(protocols.stream().sorted().map(p -> p.name()).reduce((a, b) -> a + ", " + b).orElse("none"));
        sb.append(ipv6 ? "; IPv4+IPv6" : "; IPv4 only").append(')');
        for (String l : limitations) {
            sb.append("; ").append(l);
        }
        return sb.toString();
    }
}
