package org.hopscope.engine.enrich;

/**
 * Where a GeoIP database places an address. Text fields are "" and coordinates NaN when the
 * database does not say; {@code asNumber} is -1 unless the database is an ASN database.
 *
 * @param countryCode ISO 3166 code, e.g. "FR"
 * @param countryName English country name
 * @param city English city name
 * @param accuracyRadiusKm the database's accuracy radius, -1 if none
 * @param asOrganization AS organisation from an ASN database
 */
public record GeoInfo(String countryCode, String countryName, String city, double latitude, double longitude,
        int accuracyRadiusKm, long asNumber, String asOrganization) {

    public GeoInfo {
        countryCode = countryCode == null ? "" : countryCode;
        countryName = countryName == null ? "" : countryName;
        city = city == null ? "" : city;
        asOrganization = asOrganization == null ? "" : asOrganization;
    }

    public boolean hasLocation() {
        return !Double.isNaN(latitude) && !Double.isNaN(longitude);
    }

    /** "Paris, FR", "FR", or "". */
    public String place() {
        if (city.isEmpty()) {
            return countryCode;
        }
        return countryCode.isEmpty() ? city : city + ", " + countryCode;
    }
}
