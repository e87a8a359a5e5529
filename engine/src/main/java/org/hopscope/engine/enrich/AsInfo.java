package org.hopscope.engine.enrich;

import java.util.List;

/**
 * The origin AS of an address, as Team Cymru's IP-to-ASN service reports it. Text fields are ""
 * when unknown.
 *
 * @param number the origin AS number (the first, when the prefix has several origins)
 * @param otherOrigins further origin ASes of a multi-origin prefix (usually empty)
 * @param prefix the BGP prefix the address falls in, e.g. {@code 8.8.8.0/24}
 * @param country ISO 3166 country code of the prefix's allocation, e.g. "US"
 * @param registry regional registry that allocated it: arin, ripencc, apnic, lacnic, afrinic
 * @param allocated allocation date as the registry gives it, e.g. "1992-12-01"
 * @param name the AS name, e.g. "GOOGLE - Google LLC, US"; "" until (or unless) it is known
 */
public record AsInfo(long number, List<Long> otherOrigins, String prefix, String country, String registry,
        String allocated, String name) {

    public AsInfo {
        if (number < 0 || number > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AS number out of range: " + number);
        }
        otherOrigins = List.copyOf(otherOrigins);
        prefix = nonNull(prefix);
        country = nonNull(country);
        registry = nonNull(registry);
        allocated = nonNull(allocated);
        name = nonNull(name);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    public AsInfo withName(String asName) {
        return new AsInfo(number, otherOrigins, prefix, country, registry, allocated, asName);
    }

    /** "AS15169". */
    public String asLabel() {
        return "AS" + number;
    }

    /** "AS15169 GOOGLE - Google LLC, US", or "AS15169" while the name is unknown. */
    @Override
    public String toString() {
        return name.isEmpty() ? asLabel() : asLabel() + " " + name;
    }
}
