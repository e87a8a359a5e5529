package org.hopscope.engine.check;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What the user's machine looks like to the check.
 *
 * @param os e.g. "Linux 6.8.0 (amd64)"
 * @param hostName the machine's name, or ""
 * @param gateway the IPv4 default gateway, if any
 * @param gatewayInterface the interface the default route leaves by ("" if none)
 * @param localAddress the address on that interface (or the first non-loopback one), if any
 * @param dnsServers the configured resolvers, in order (/etc/resolv.conf {@code nameserver} lines)
 * @param searchDomains the {@code search}/{@code domain} lines, for the report only
 */
public record NetworkEnvironment(String os, String hostName, Optional<InetAddress> gateway, String gatewayInterface,
        Optional<InetAddress> localAddress, List<InetAddress> dnsServers, List<String> searchDomains) {

    public NetworkEnvironment {
        dnsServers = List.copyOf(dnsServers);
        searchDomains = List.copyOf(searchDomains);
    }
}
