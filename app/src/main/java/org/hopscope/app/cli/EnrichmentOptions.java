package org.hopscope.app.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.format.AddressLiterals;

/**
 * The enrichment options of {@code hopscope trace}, taken out of the argument list before {@link
 * TraceOptions#parse} sees it (kept apart so the trace options stay paris-traceroute's):
 * {@code --mtu}, {@code --geoip FILE}, {@code --dns-server ADDR[:PORT]}. Reverse DNS and AS lookups
 * themselves follow {@code -n}.
 *
 * @param mtu run path-MTU discovery after the trace and print the MTU per hop
 * @param geoIp a MaxMind {@code .mmdb} file to locate addresses with, or null
 * @param dnsServer the DNS server for names and AS lookups instead of the system's, or null
 * @param asZone the IP-to-ASN zone instead of Team Cymru's, or null
 * @param rest the arguments left for {@link TraceOptions#parse}
 */
public record EnrichmentOptions(boolean mtu, Path geoIp, InetSocketAddress dnsServer, String asZone, List<String> rest) {

    public static final String USAGE = """
            Enrichment options:
              --mtu              discover the path MTU and print the MTU after every hop
              --geoip FILE       locate hops with a MaxMind/DB-IP .mmdb database (JSON: enrichment.geo)
              --dns-server ADDR[:PORT]
                                 ask this DNS server for names and AS numbers (Team Cymru TXT records)
                                 instead of the system's; -n turns names and AS numbers off.
                                 A simulated network is only looked up with --dns-server.
              --as-zone ZONE     IP-to-ASN zone in Team Cymru's format instead of asn.cymru.com
                                 (an organisation's mirror; it is asked about private ranges too)
            """;

    /** Splits the enrichment options off {@code args}. */
    public static EnrichmentOptions extract(List<String> args) throws UsageException {
        boolean mtu = false;
        Path geoIp = null;
        InetSocketAddress dns = null;
        String zone = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                rest.addAll(args.subList(i, args.size()));
                break;
            }
            LongOption o = LongOption.split(a);
            String name = o.name();
            String value = o.value();
            switch (name) {
                case "--mtu" -> {
                    if (value != null) {
                        throw new UsageException("option --mtu takes no value");
                    }
                    mtu = true;
                }
                case "--geoip", "--dns-server", "--as-zone" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException("option " + name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (value.isBlank()) {
                        throw new UsageException(name + ": the value is empty");
                    }
                    if (name.equals("--geoip")) {
                        geoIp = Path.of(value);
                    } else if (name.equals("--as-zone")) {
                        if (!value.matches("[A-Za-z0-9.-]+")) {
                            throw new UsageException("--as-zone: '" + value + "' is not a DNS name");
                        }
                        zone = value;
                    } else {
                        dns = server(value);
                    }
                }
                default -> rest.add(a);
            }
        }
        return new EnrichmentOptions(mtu, geoIp, dns, zone, List.copyOf(rest));
    }

    /** {@code 192.0.2.53}, {@code 192.0.2.53:5353}, {@code 2001:db8::53}, {@code [2001:db8::53]:5353}. */
    static InetSocketAddress server(String v) throws UsageException {
        String host = v;
        int port = 53;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                throw new UsageException("--dns-server: missing ']' in '" + v + "'");
            }
            host = v.substring(1, close);
            if (close + 1 < v.length()) {
                if (v.charAt(close + 1) != ':') {
                    throw new UsageException("--dns-server: expected ':PORT' after ']' in '" + v + "'");
                }
                port = port(v.substring(close + 2));
            }
        } else if (v.indexOf(':') == v.lastIndexOf(':') && v.indexOf(':') > 0) {
            host = v.substring(0, v.indexOf(':'));
            port = port(v.substring(v.indexOf(':') + 1));
        }
        InetAddress a = AddressLiterals.parse(host);
        if (a == null) {
            throw new UsageException("--dns-server: '" + host + "' is not an IP address");
        }
        return new InetSocketAddress(a, port);
    }

    private static int port(String s) throws UsageException {
        if (!s.matches("[0-9]{1,5}") || Integer.parseInt(s) < 1 || Integer.parseInt(s) > 65535) {
            throw new UsageException("--dns-server: port must be 1..65535, got '" + s + "'");
        }
        return Integer.parseInt(s);
    }
}
