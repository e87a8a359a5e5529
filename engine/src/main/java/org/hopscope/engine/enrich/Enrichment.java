package org.hopscope.engine.enrich;

import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable picture of what is known about a set of addresses: host names, origin ASes,
 * reserved-range labels and GeoIP. The CLI's text and JSON output and the GUI's table read it;
 * an address never submitted simply has no entry (every accessor then answers empty).
 */
public final class Enrichment {
    public static final Enrichment EMPTY = new Enrichment(Map.of(), false);

    private final Map<InetAddress, HostInfo> byAddress;
    private final boolean geoAvailable;

    public Enrichment(Map<InetAddress, HostInfo> byAddress, boolean geoAvailable) {
        this.byAddress = Collections.unmodifiableMap(new LinkedHashMap<>(byAddress));
        this.geoAvailable = geoAvailable;
    }

    public Optional<HostInfo> get(InetAddress address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    public Optional<String> hostName(InetAddress address) {
        return get(address).flatMap(HostInfo::hostName);
    }

    public Optional<AsInfo> as(InetAddress address) {
        return get(address).flatMap(HostInfo::as);
    }

    public Optional<GeoInfo> geo(InetAddress address) {
        return get(address).flatMap(HostInfo::geo);
    }

    /** The reserved-range label of an address, computed even for addresses never submitted. */
    public Optional<ReservedRange> reserved(InetAddress address) {
        return get(address).map(HostInfo::reserved).orElseGet(() -> ReservedRanges.classify(address));
    }

    /** {@code name (address)} or the address alone. */
    public String displayName(InetAddress address) {
        return hostName(address).map(n -> n + " (" + address.getHostAddress() + ")")
                .orElse(address.getHostAddress());
    }

    /** The AS column: "AS15169 GOOGLE - Google LLC, US", a reserved label, or "". */
    public String asText(InetAddress address) {
        return get(address).map(HostInfo::asText)
                .orElseGet(() -> ReservedRanges.classify(address).map(ReservedRange::label).orElse(""));
    }

    /** Whether a GeoIP database is configured: a UI shows the location column only then. */
    public boolean geoAvailable() {
        return geoAvailable;
    }

    public Set<InetAddress> addresses() {
        return byAddress.keySet();
    }

    public Map<InetAddress, HostInfo> asMap() {
        return byAddress;
    }

    public int size() {
        return byAddress.size();
    }

    /** Whether every lookup of every address is over. */
    public boolean settled() {
        return byAddress.values().stream().allMatch(HostInfo::settled);
    }

    @Override
    public String toString() {
        return "Enrichment" + byAddress.values();
    }
}
