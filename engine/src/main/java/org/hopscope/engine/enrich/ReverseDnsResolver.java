package org.hopscope.engine.enrich;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/** PTR lookups with a cache (answers and NXDOMAINs; time-outs and failures are not cached). */
final class ReverseDnsResolver {
    private final DnsClient dns;
    private final ExpiringCache<InetAddress, Outcome<String>> cache;
    private final Duration positiveTtl;
    private final Duration negativeTtl;
    private final Map<InetAddress, CompletableFuture<Outcome<String>>> inFlight = new HashMap<>();

    ReverseDnsResolver(DnsClient dns, ExpiringCache<InetAddress, Outcome<String>> cache, Duration positiveTtl,
            Duration negativeTtl) {
        this.dns = dns;
        this.cache = cache;
        this.positiveTtl = positiveTtl;
        this.negativeTtl = negativeTtl;
    }

    CompletableFuture<Outcome<String>> lookup(InetAddress address) {
        var cached = cache.get(address);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        synchronized (inFlight) {
            CompletableFuture<Outcome<String>> f = inFlight.get(address);
            if (f != null) {
                return f;
            }
            f = dns.query(ReverseMap.fromAddress(address).toString(), Type.PTR).thenApply(a -> {
                Outcome<String> o = switch (a.state()) {
                    case FOUND -> Outcome.found(((PTRRecord) a.records().get(0)).getTarget().toString(true));
                    default -> Outcome.<String>of(a.state());
                };
                if (o.state() == LookupState.FOUND) {
                    cache.put(address, o, positiveTtl);
                } else if (o.state() == LookupState.NOT_FOUND) {
                    cache.put(address, o, negativeTtl);
                }
                synchronized (inFlight) {
                    inFlight.remove(address);
                }
                return o;
            });
            if (!f.isDone()) {
                inFlight.put(address, f);
            }
            return f;
        }
    }
}
