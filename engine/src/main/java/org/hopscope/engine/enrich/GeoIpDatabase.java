package org.hopscope.engine.enrich;

import com.maxmind.db.InvalidDatabaseException;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.CountryResponse;
import com.maxmind.geoip2.record.Country;
import com.maxmind.geoip2.record.Location;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A user-supplied MaxMind DB ({@code .mmdb}: GeoLite2/GeoIP2 City, Country or ASN, or a compatible
 * DB-IP file), read with MaxMind's GeoIP2 reader. Optional by design: with no file configured there
 * is simply no {@code GeoIpDatabase} and no location column. A file that cannot be used fails at
 * {@link #open} with a {@link GeoIpException} whose message says why; lookups never throw.
 */
public final class GeoIpDatabase implements AutoCloseable {
    private enum Kind { CITY, COUNTRY, ASN }

    private final Path file;
    private final DatabaseReader reader;
    private final Kind kind;
    private final String type;

    private GeoIpDatabase(Path file, DatabaseReader reader, Kind kind, String type) {
        this.file = file;
        this.reader = reader;
        this.kind = kind;
        this.type = type;
    }

    /** Opens and checks a database file. */
    public static GeoIpDatabase open(Path file) throws GeoIpException {
        if (!Files.exists(file)) {
            throw new GeoIpException(GeoIpException.Reason.NOT_FOUND, file,
                    "GeoIP database " + file + " does not exist", null);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new GeoIpException(GeoIpException.Reason.UNREADABLE, file,
                    "GeoIP database " + file + " is not a readable file", null);
        }
        DatabaseReader reader;
        try {
            reader = new DatabaseReader.Builder(file.toFile()).locales(List.of("en")).build();
        } catch (InvalidDatabaseException e) {
            throw corrupt(file, e);
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).startsWith("Unsupported database type")) {
                throw unsupported(file, e.getMessage().replaceFirst("^Unsupported database type:?\\s*", ""), e);
            }
            throw corrupt(file, e);
        } catch (IOException e) {
            throw new GeoIpException(GeoIpException.Reason.UNREADABLE, file,
                    "GeoIP database " + file + " cannot be read: " + e.getMessage(), e);
        }
        String type = String.valueOf(reader.metadata().databaseType());
        String t = type.toLowerCase(Locale.ROOT);
        Kind kind = t.contains("city") || t.contains("enterprise") ? Kind.CITY
                : t.contains("country") ? Kind.COUNTRY
                : t.contains("asn") ? Kind.ASN : null;
        if (kind == null) {
            closeQuietly(reader);
            throw unsupported(file, type, null);
        }
        GeoIpDatabase db = new GeoIpDatabase(file, reader, kind, type);
        try {
            // Walk the tree once so a damaged search tree or data section fails here, not later.
            db.find(InetAddress.getByAddress(new byte[] {1, 1, 1, 1}));
            if (reader.metadata().ipVersion() == 6) {
                db.find(InetAddress.getByName("2001:4860:4860::8888"));
            }
        } catch (IOException | com.maxmind.geoip2.exception.GeoIp2Exception | RuntimeException e) {
            closeQuietly(reader);
            throw corrupt(file, e);
        }
        return db;
    }

    private static GeoIpException unsupported(Path file, String type, Exception cause) {
        return new GeoIpException(GeoIpException.Reason.UNSUPPORTED_TYPE, file, "GeoIP database " + file
                + " is a '" + type + "' database; Hopscope reads City, Country or ASN databases", cause);
    }

    private static GeoIpException corrupt(Path file, Exception e) {
        return new GeoIpException(GeoIpException.Reason.CORRUPT, file, "GeoIP database " + file
                + " is not a valid MaxMind DB file (" + e.getMessage() + ")", e);
    }

    private static void closeQuietly(DatabaseReader r) {
        try {
            r.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    public Path file() {
        return file;
    }

    /** The database's own type name, e.g. "GeoLite2-City". */
    public String databaseType() {
        return type;
    }

    /** Where the database places {@code address}; empty if it does not, or on any error. */
    public Optional<GeoInfo> lookup(InetAddress address) {
        try {
            return find(address);
        } catch (IOException | com.maxmind.geoip2.exception.GeoIp2Exception | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<GeoInfo> find(InetAddress a) throws IOException, com.maxmind.geoip2.exception.GeoIp2Exception {
        switch (kind) {
            case CITY -> {
                Optional<CityResponse> r = reader.tryCity(a);
                return r.map(c -> geo(c.country(), c.city() == null ? "" : c.city().name(), c.location()));
            }
            case COUNTRY -> {
                Optional<CountryResponse> r = reader.tryCountry(a);
                return r.map(c -> geo(c.country(), "", null));
            }
            default -> {
                Optional<AsnResponse> r = reader.tryAsn(a);
                return r.map(x -> new GeoInfo("", "", "", Double.NaN, Double.NaN, -1,
                        x.autonomousSystemNumber() == null ? -1 : x.autonomousSystemNumber(),
                        x.autonomousSystemOrganization()));
            }
        }
    }

    private static GeoInfo geo(Country country, String city, Location loc) {
        String code = country == null ? "" : country.isoCode();
        String name = country == null ? "" : country.name();
        double lat = loc == null || loc.latitude() == null ? Double.NaN : loc.latitude();
        double lon = loc == null || loc.longitude() == null ? Double.NaN : loc.longitude();
        int radius = loc == null || loc.accuracyRadius() == null ? -1 : loc.accuracyRadius();
        return new GeoInfo(code, name, city, lat, lon, radius, -1, "");
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }
}
