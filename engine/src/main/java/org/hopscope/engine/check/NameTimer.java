package org.hopscope.engine.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hopscope.engine.format.AddressLiterals;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves a target name the way the user's machine would (its resolvers, in resolv.conf order) and
 * times it: one A query per attempt over UDP (dnsjava falls back to TCP on truncation), an AAAA query
 * when there is no A record. Attempts rotate over the servers, as the stub resolver does (resolv.conf(5)
 * {@code attempts}/{@code rotate}). Never throws.
 */
public final class NameTimer {
    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final int attempts;

    public NameTimer(List<InetSocketAddress> servers, Duration timeout, int attempts) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
    }

    /** Servers on port 53. */
    public static NameTimer of(List<InetAddress> servers, Duration timeout, int attempts) {
        return new NameTimer(servers.stream().map(a -> new InetSocketAddress(a, 53)).toList(), timeout, attempts);
    }

    public NameResolution resolve(String target) {
        InetAddress literal = AddressLiterals.parse(target);
        if (literal != null) {
            return new NameResolution(target, List.of(literal), 0, NameResolution.Outcome.LITERAL, Optional.empty(), "");
        }
        if (servers.isEmpty()) {
            return new NameResolution(target, List.of(), 0, NameResolution.Outcome.FAILED, Optional.empty(),
                    "no DNS server is configured");
        }
        Name name;
        try {
            name = Name.fromString(target.endsWith(".") ? target : target + ".");
        } catch (TextParseException e) {
            return new NameResolution(target, List.of(), 0, NameResolution.Outcome.NOT_FOUND, Optional.empty(),
                    "not a valid host name");
        }
        // Build the queries before the clock starts: the first use of the DNS classes in a fresh JVM
        // costs more than a LAN round trip and is not the network's fault.
        Message queryA = Message.newQuery(Record.newRecord(name, Type.A, DClass.IN));
        queryA.toWire();
        String lastError = "";
        long t0 = System.nanoTime();
        for (int n = 0; n < attempts * servers.size(); n++) {
            InetSocketAddress server = servers.get(n % servers.size());
            try {
                Message a = send(server, queryA);
                if (a.getRcode() == Rcode.NXDOMAIN) {
                    return done(target, List.of(), t0, NameResolution.Outcome.NOT_FOUND, server, "NXDOMAIN");
                }
                if (a.getRcode() != Rcode.NOERROR) {
                    lastError = Rcode.string(a.getRcode());
                    continue;
                }
                List<InetAddress> found = addresses(a);
                if (found.isEmpty()) {
                    found = addresses(send(server, Message.newQuery(Record.newRecord(name, Type.AAAA, DClass.IN))));
                }
                return found.isEmpty() ? done(target, found, t0, NameResolution.Outcome.NOT_FOUND, server, "no address")
                        : done(target, found, t0, NameResolution.Outcome.FOUND, server, "");
            } catch (IOException e) {
                lastError = e instanceof java.net.SocketTimeoutException ? "timed out" : String.valueOf(e.getMessage());
            }
        }
        return new NameResolution(target, List.of(), (System.nanoTime() - t0) / 1e6, NameResolution.Outcome.FAILED,
                Optional.empty(), lastError + " (" + attempts * servers.size() + " attempts)");
    }

    private Message send(InetSocketAddress server, Message query) throws IOException {
        SimpleResolver r = new SimpleResolver(server);
        r.setTimeout(timeout);
        return r.send(query);
    }

    private static List<InetAddress> addresses(Message m) {
        List<InetAddress> out = new ArrayList<>();
        for (Record r : m.getSection(Section.ANSWER)) {
            if (r instanceof ARecord a) {
                out.add(a.getAddress());
            } else if (r instanceof AAAARecord a) {
                out.add(a.getAddress());
            }
        }
        return out;
    }

    private static NameResolution done(String target, List<InetAddress> found, long t0, NameResolution.Outcome o,
            InetSocketAddress server, String detail) {
        return new NameResolution(target, found, (System.nanoTime() - t0) / 1e6, o, Optional.of(server.getAddress()),
                detail);
    }
}
