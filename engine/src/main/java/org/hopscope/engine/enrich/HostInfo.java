package org.hopscope.engine.enrich;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about one address. Immutable: a new one replaces it as lookups complete.
 *
 * @param hostName the PTR name, without the trailing dot
 * @param dnsState where the reverse DNS lookup stands
 * @param as the origin AS (empty for reserved ranges, and until found)
 * @param asState where the AS lookup stands
 * @param reserved the special-purpose range the address lies in, if any ("private", ...)
 * @param geo where a GeoIP database places it (empty without a database, or if not in it)
 */
public record HostInfo(InetAddress address, Optional<String> hostName, LookupState dnsState, Optional<AsInfo> as,
        LookupState asState, Optional<ReservedRange> reserved, Optional<GeoInfo> geo) {

    public HostInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(dnsState, "dnsState");
        Objects.requireNonNull(as, "as");
        Objects.requireNonNull(asState, "asState");
        Objects.requireNonNull(reserved, "reserved");
        Objects.requireNonNull(geo, "geo");
    }

    /** Nothing known yet, both lookups pending. */
    public static HostInfo pending(InetAddress address) {
        return new HostInfo(address, Optional.empty(), LookupState.PENDING, Optional.empty(), LookupState.PENDING,
                ReservedRanges.classify(address), Optional.empty());
    }

    public HostInfo withHostName(Optional<String> name, LookupState state) {
        return new HostInfo(address, name, state, as, asState, reserved, geo);
    }

    public HostInfo withAs(Optional<AsInfo> info, LookupState state) {
        return new HostInfo(address, hostName, dnsState, info, state, reserved, geo);
    }

    public HostInfo withGeo(Optional<GeoInfo> g) {
        return new HostInfo(address, hostName, dnsState, as, asState, reserved, g);
    }

    /** Whether both lookups are over. */
    public boolean settled() {
        return dnsState.settled() && asState.settled();
    }

    /** The address as text ({@code 192.0.2.1}, {@code 2001:db8::1}). */
    public String addressText() {
        return address.getHostAddress();
    }

    /** traceroute's form: {@code name (address)}, or the address alone while no name is known. */
    public String displayName() {
        return hostName.map(n -> n + " (" + addressText() + ")").orElse(addressText());
    }

    /**
     * What a table's AS column shows: "AS15169 GOOGLE - Google LLC, US", the reserved-range label
     * ("private", "benchmarking" ...), or "" while unknown.
     */
    public String asText() {
        if (as.isPresent()) {
            return as.get().toString();
        }
        return reserved.map(ReservedRange::label).orElse("");
    }
}
