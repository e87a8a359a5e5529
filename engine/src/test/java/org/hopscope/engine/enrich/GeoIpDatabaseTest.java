package org.hopscope.engine.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GeoIP from a tiny .mmdb written by the test itself (see {@link MmdbWriter}). */
class GeoIpDatabaseTest {
    @TempDir
    Path dir;

    private Path cityDb() throws Exception {
        byte[] db = new MmdbWriter("GeoLite2-City")
                .insert("81.2.69.0/24", MmdbWriter.city("GB", "United Kingdom", "London", 51.5142, -0.0931))
                .insert("2a02:cf40::/32", MmdbWriter.city("FR", "France", "Paris", 48.8582, 2.3387))
                .build();
        Path p = dir.resolve("city.mmdb");
        Files.write(p, db);
        return p;
    }

    private static InetAddress a(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void looksUpCityCountryAndCoordinates() throws Exception {
        try (GeoIpDatabase db = GeoIpDatabase.open(cityDb())) {
            assertThat(db.databaseType()).isEqualTo("GeoLite2-City");
            GeoInfo london = db.lookup(a("81.2.69.160")).orElseThrow();
            assertThat(london.countryCode()).isEqualTo("GB");
            assertThat(london.countryName()).isEqualTo("United Kingdom");
            assertThat(london.city()).isEqualTo("London");
            assertThat(london.latitude()).isEqualTo(51.5142);
            assertThat(london.longitude()).isEqualTo(-0.0931);
            assertThat(london.accuracyRadiusKm()).isEqualTo(20);
            assertThat(london.place()).isEqualTo("London, GB");
            assertThat(db.lookup(a("2a02:cf40::1")).orElseThrow().city()).isEqualTo("Paris");
            assertThat(db.lookup(a("81.2.70.1"))).isEmpty();
            assertThat(db.lookup(a("2001:db8::1"))).isEmpty();
        }
    }

    @Test
    void theEnricherAddsLocationsEvenInNumericMode() throws Exception {
        try (GeoIpDatabase db = GeoIpDatabase.open(cityDb());
                Enricher e = Enricher.create(EnricherConfig.builder().numeric(true).geoIp(db).build())) {
            Enrichment r = e.await(List.of(a("81.2.69.1"), a("192.168.1.1")), Duration.ofSeconds(2));
            assertThat(r.geoAvailable()).isTrue();
            assertThat(r.geo(a("81.2.69.1")).orElseThrow().city()).isEqualTo("London");
            assertThat(r.geo(a("192.168.1.1"))).isEmpty();
        }
    }

    @Test
    void noDatabaseMeansNoGeoAndNoError() throws Exception {
        try (Enricher e = Enricher.create(EnricherConfig.builder().numeric(true).build())) {
            Enrichment r = e.await(List.of(a("81.2.69.1")), Duration.ofSeconds(2));
            assertThat(e.geoAvailable()).isFalse();
            assertThat(r.geoAvailable()).isFalse();
            assertThat(r.geo(a("81.2.69.1"))).isEmpty();
        }
    }

    @Test
    void aCorruptFileFailsWithATypedClearError() throws Exception {
        Path junk = dir.resolve("junk.mmdb");
        Files.write(junk, "this is not a MaxMind database".repeat(50).getBytes());
        assertThatThrownBy(() -> GeoIpDatabase.open(junk)).isInstanceOf(GeoIpException.class)
                .hasMessageContaining("junk.mmdb").hasMessageContaining("not a valid MaxMind DB file")
                .satisfies(t -> assertThat(((GeoIpException) t).reason()).isEqualTo(GeoIpException.Reason.CORRUPT));

        byte[] good = Files.readAllBytes(cityDb());
        byte[] damaged = good.clone();
        Arrays.fill(damaged, 0, 64, (byte) 0xFF); // search tree records pointing nowhere
        Path bad = dir.resolve("damaged.mmdb");
        Files.write(bad, damaged);
        assertThatThrownBy(() -> GeoIpDatabase.open(bad)).isInstanceOf(GeoIpException.class)
                .satisfies(t -> assertThat(((GeoIpException) t).reason()).isEqualTo(GeoIpException.Reason.CORRUPT));
    }

    @Test
    void missingFileAndUnsupportedKindAreTypedToo() throws Exception {
        assertThatThrownBy(() -> GeoIpDatabase.open(dir.resolve("absent.mmdb"))).isInstanceOf(GeoIpException.class)
                .satisfies(t -> assertThat(((GeoIpException) t).reason()).isEqualTo(GeoIpException.Reason.NOT_FOUND));
        Path other = dir.resolve("other.mmdb");
        Files.write(other, new MmdbWriter("Hopscope-Test-Other").insert("1.0.0.0/8", Map.of("x", "y")).build());
        assertThatThrownBy(() -> GeoIpDatabase.open(other)).isInstanceOf(GeoIpException.class)
                .hasMessageContaining("Hopscope-Test-Other")
                .satisfies(t -> assertThat(((GeoIpException) t).reason())
                        .isEqualTo(GeoIpException.Reason.UNSUPPORTED_TYPE));
    }
}
