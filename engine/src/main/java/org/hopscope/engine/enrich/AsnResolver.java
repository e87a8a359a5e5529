package org.hopscope.engine.enrich;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Origin AS lookups through Team Cymru's DNS interface: the origin TXT record, then the AS name.
 * Caches the prefixes it learns (an address inside a known prefix needs no query), the AS names, and
 * the addresses that have no origin.
 */
final class AsnResolver {
    private record Prefix(byte[] network, int length, AsInfo info) {
        boolean contains(InetAddress a) {
            return ReservedRanges.contains(network, length, a.getAddress());
        }
    }

    private final DnsClient dns;
    private final String zone;
    private final ExpiringCache<String, Prefix> prefixes;
    private final ExpiringCache<Long, Optional<String>> names;
    private final ExpiringCache<InetAddress, LookupState> misses;
    private final Duration positiveTtl;
    private final Duration negativeTtl;
    private final Map<InetAddress, CompletableFuture<Outcome<AsInfo>>> inFlight = new HashMap<>();
    private final Map<Long, CompletableFuture<Optional<String>>> namesInFlight = new HashMap<>();

    AsnResolver(DnsClient dns, String zone, int cacheSize, java.util.function.LongSupplier clock,
            Duration positiveTtl, Duration negativeTtl) {
        this.dns = dns;
        this.zone = zone;
        this.prefixes = new ExpiringCache<>(cacheSize, clock);
        this.names = new ExpiringCache<>(cacheSize, clock);
        this.misses = new ExpiringCache<>(cacheSize, clock);
        this.positiveTtl = positiveTtl;
        this.negativeTtl = negativeTtl;
    }

    CompletableFuture<Outcome<AsInfo>> lookup(InetAddress address) {
        Optional<AsInfo> known = fromPrefixes(address);
        if (known.isPresent()) {
            return name(known.get()).thenApply(Outcome::found);
        }
        if (misses.get(address).isPresent()) {
            return CompletableFuture.completedFuture(Outcome.of(LookupState.NOT_FOUND));
        }
        synchronized (inFlight) {
            CompletableFuture<Outcome<AsInfo>> f = inFlight.get(address);
            if (f != null) {
                return f;
            }
            f = dns.query(Cymru.originQuery(address, zone), Type.TXT).thenCompose(a -> {
                if (a.state() != LookupState.FOUND) {
                    if (a.state() == LookupState.NOT_FOUND) {
                        misses.put(address, LookupState.NOT_FOUND, negativeTtl);
                    }
                    return CompletableFuture.completedFuture(Outcome.<AsInfo>of(a.state()));
                }
                Optional<AsInfo> origin = Cymru.mostSpecific(texts(a.records()));
                if (origin.isEmpty()) {
                    misses.put(address, LookupState.NOT_FOUND, negativeTtl);
                    return CompletableFuture.completedFuture(Outcome.<AsInfo>of(LookupState.NOT_FOUND));
                }
                remember(address, origin.get());
                return name(origin.get()).thenApply(Outcome::found);
            }).whenComplete((o, e) -> {
                synchronized (inFlight) {
                    inFlight.remove(address);
                }
            });
            if (!f.isDone()) {
                inFlight.put(address, f);
            }
            return f;
        }
    }

    /** The AS with its name filled in when the name lookup succeeds (a failed one leaves it ""). */
    private CompletableFuture<AsInfo> name(AsInfo origin) {
        long asn = origin.number();
        Optional<Optional<String>> cached = names.get(asn);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(origin.withName(cached.get().orElse("")));
        }
        CompletableFuture<Optional<String>> f;
        synchronized (namesInFlight) {
            f = namesInFlight.get(asn);
            if (f == null) {
                f = dns.query(Cymru.asNameQuery(asn, zone), Type.TXT).thenApply(a -> {
                    Optional<String> n = texts(a.records()).stream().map(t -> Cymru.parseAsName(t, asn))
                            .flatMap(Optional::stream).findFirst();
                    if (n.isPresent()) {
                        names.put(asn, n, positiveTtl);
                    } else if (a.state() == LookupState.NOT_FOUND || a.state() == LookupState.FOUND) {
                        names.put(asn, n, negativeTtl);
                    }
                    synchronized (namesInFlight) {
                        namesInFlight.remove(asn);
                    }
                    return n;
                });
                if (!f.isDone()) {
                    namesInFlight.put(asn, f);
                }
            }
        }
        return f.thenApply(n -> origin.withName(n.orElse("")));
    }

    private Optional<AsInfo> fromPrefixes(InetAddress address) {
        Prefix best = null;
        for (Prefix p : prefixes.values()) {
            if (p.contains(address) && (best == null || p.length > best.length)) {
                best = p;
            }
        }
        return Optional.ofNullable(best).map(Prefix::info);
    }

    private void remember(InetAddress address, AsInfo origin) {
        String cidr = origin.prefix();
        int slash = cidr.indexOf('/');
        int len = Cymru.prefixLength(cidr);
        try {
            if (slash > 0 && len >= 0 && cidr.substring(0, slash).trim().matches("[0-9a-fA-F:.]+")) {
                // an address literal: getByName parses it without any lookup
                byte[] net = InetAddress.getByName(cidr.substring(0, slash).trim()).getAddress();
                if (net.length == address.getAddress().length && len <= net.length * 8
                        && ReservedRanges.contains(net, len, address.getAddress())) {
                    prefixes.put(cidr, new Prefix(net, len, origin.withName("")), positiveTtl);
                }
            }
        } catch (java.net.UnknownHostException | RuntimeException e) {
            // a prefix we cannot parse is simply not cached
        }
    }

    private static List<String> texts(List<Record> records) {
        return records.stream().filter(r -> r instanceof TXTRecord)
                .map(r -> String.join("", ((TXTRecord) r).getStrings())).toList();
    }
}
