package org.hopscope.engine.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CymruTest {
    @Test
    void originQueryNames() throws Exception {
        assertThat(Cymru.originQuery(InetAddress.getByName("8.8.4.1"), Cymru.DEFAULT_ZONE))
                .isEqualTo("1.4.8.8.origin.asn.cymru.com.");
        assertThat(Cymru.originQuery(InetAddress.getByName("2001:db8::1"), Cymru.DEFAULT_ZONE))
                .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.origin6.asn.cymru.com.");
        assertThat(Cymru.asNameQuery(15169, "asn.example.net")).isEqualTo("AS15169.asn.example.net.");
    }

    @Test
    void parsesOriginAnswers() {
        AsInfo a = Cymru.parseOrigin("15169 | 8.8.8.0/24 | US | arin | 2023-12-28").orElseThrow();
        assertThat(a.number()).isEqualTo(15169);
        assertThat(a.otherOrigins()).isEmpty();
        assertThat(a.prefix()).isEqualTo("8.8.8.0/24");
        assertThat(a.country()).isEqualTo("US");
        assertThat(a.registry()).isEqualTo("arin");
        assertThat(a.allocated()).isEqualTo("2023-12-28");
        assertThat(a.name()).isEmpty();

        AsInfo multi = Cymru.parseOrigin("13335 209242 | 104.16.0.0/13 | US | ARIN |").orElseThrow();
        assertThat(multi.number()).isEqualTo(13335);
        assertThat(multi.otherOrigins()).containsExactly(209242L);
        assertThat(multi.registry()).isEqualTo("arin");
        assertThat(multi.allocated()).isEmpty();

        assertThat(Cymru.parseOrigin("NA | 1.2.3.0/24 | | |")).isEmpty();
        assertThat(Cymru.parseOrigin("garbage")).isEmpty();
        assertThat(Cymru.parseOrigin("99999999999 | 1.2.3.0/24")).isEmpty();
    }

    @Test
    void picksTheMostSpecificPrefix() {
        AsInfo a = Cymru.mostSpecific(List.of("3356 | 4.0.0.0/9 | US | arin | 1992-12-01",
                "3549 | 4.69.128.0/17 | US | arin | 2001-01-01", "junk")).orElseThrow();
        assertThat(a.number()).isEqualTo(3549);
        assertThat(Cymru.mostSpecific(List.of("junk"))).isEmpty();
    }

    @Test
    void parsesAsNamesOnlyForTheAskedAs() {
        assertThat(Cymru.parseAsName("15169 | US | arin | 2000-03-30 | GOOGLE - Google LLC, US", 15169))
                .contains("GOOGLE - Google LLC, US");
        assertThat(Cymru.parseAsName("15169 | US | arin | 2000-03-30 | GOOGLE - Google LLC, US", 3356)).isEmpty();
        assertThat(Cymru.parseAsName("15169 | US | arin | 2000-03-30 |", 15169)).isEmpty();
        assertThat(new AsInfo(15169, List.of(), "", "", "", "", "").toString()).isEqualTo("AS15169");
    }
}
