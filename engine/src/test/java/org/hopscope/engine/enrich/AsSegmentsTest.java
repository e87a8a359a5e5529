package org.hopscope.engine.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.hopscope.engine.enrich.AsSegments.HopAs;
import org.junit.jupiter.api.Test;

class AsSegmentsTest {
    private static HopAs as(int ttl, long asn) {
        return new HopAs(ttl, Optional.of(new AsInfo(asn, List.of(), "", "", "", "", "N" + asn)), "");
    }

    private static HopAs none(int ttl, String label) {
        return new HopAs(ttl, Optional.empty(), label);
    }

    @Test
    void groupsConsecutiveHopsOfOneAs() {
        List<AsSegment> s = AsSegments.group(List.of(none(1, "private"), none(2, "private"), as(3, 100), as(4, 100),
                as(5, 200), as(6, 100)));
        assertThat(s).extracting(AsSegment::label).containsExactly("private", "AS100 N100", "AS200 N200", "AS100 N100");
        assertThat(s).extracting(AsSegment::ttls)
                .containsExactly(List.of(1, 2), List.of(3, 4), List.of(5), List.of(6));
        assertThat(s.get(1).firstTtl()).isEqualTo(3);
        assertThat(s.get(1).lastTtl()).isEqualTo(4);
        assertThat(s.get(0).as()).isEmpty();
    }

    @Test
    void unknownHopsInsideOneAsBelongToIt() {
        List<AsSegment> s = AsSegments.group(List.of(as(1, 100), none(2, AsSegments.NO_REPLY), none(3, "private"),
                as(4, 100), none(5, AsSegments.NO_REPLY), as(6, 200)));
        assertThat(s).extracting(AsSegment::ttls).containsExactly(List.of(1, 2, 3, 4), List.of(5), List.of(6));
        assertThat(s.get(1).label()).isEqualTo(AsSegments.NO_REPLY);
    }

    @Test
    void emptyInputGivesNoSegment() {
        assertThat(AsSegments.group(List.of())).isEmpty();
        assertThat(AsSegments.group(List.of(none(1, AsSegments.NO_REPLY)))).hasSize(1);
    }
}
