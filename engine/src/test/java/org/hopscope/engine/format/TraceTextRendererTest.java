package org.hopscope.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hopscope.engine.format.TraceFixtures.destination;
import static org.hopscope.engine.format.TraceFixtures.ip;
import static org.hopscope.engine.format.TraceFixtures.timeExceeded;
import static org.hopscope.engine.format.TraceFixtures.unreachable;

import java.util.Map;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.junit.jupiter.api.Test;

class TraceTextRendererTest {

    @Test
    void classicParisTracerouteOutput() {
        assertThat(new TraceTextRenderer().render(TraceFixtures.rich())).isEqualTo("""
                traceroute [(10.0.0.2:33456) -> (192.0.2.9:33457)], protocol udp, algo concurrent, duration 1 s
                 1  10.0.0.1 (10.0.0.1)  0.569 ms   0.495 ms   0.490 ms
                 2  * * *
                 3  198.51.100.1 (198.51.100.1)  10.310 ms !T0  198.51.100.5 (198.51.100.5)  11.020 ms  *
                   MPLS Label 27121 TTL=1 | MPLS Label 2 TTL=255
                 4  192.0.2.9 (192.0.2.9)  12.500 ms   12.250 ms   12.750 ms
                """);
    }

    @Test
    void numericPrintsAddressesOnly() {
        String text = new TraceTextRenderer().numeric(true).render(TraceFixtures.rich());
        assertThat(text).contains(" 1  10.0.0.1  0.569 ms   0.495 ms   0.490 ms\n");
        assertThat(text).contains(" 3  198.51.100.1  10.310 ms !T0  198.51.100.5  11.020 ms  *\n");
        assertThat(text).doesNotContain("(10.0.0.1)");
    }

    @Test
    void numericSettingIsTheDefault() {
        TraceFixtures t = new TraceFixtures(TraceSettings.builder("192.0.2.9").numeric(true).build(),
                "10.0.0.2", "192.0.2.9");
        t.hop(1, 0, destination("192.0.2.9", 1));
        assertThat(new TraceTextRenderer().render(t.finish(TraceStatus.REACHED)))
                .endsWith(" 1  192.0.2.9  1.000 ms\n");
    }

    @Test
    void knownNamesArePrintedBeforeTheAddress() {
        Map<java.net.InetAddress, String> names = Map.of(ip("10.0.0.1"), "gw.lan");
        String text = new TraceTextRenderer().hostNames(names::get).render(TraceFixtures.rich());
        assertThat(text).contains(" 1  gw.lan (10.0.0.1)  0.569 ms");
        assertThat(text).contains(" 4  192.0.2.9 (192.0.2.9)  12.500 ms");
    }

    @Test
    void ipIdAndReplyTtl() {
        String text = new TraceTextRenderer().showIpId(true).showReplyTtl(true).render(TraceFixtures.rich());
        assertThat(text).contains(" 1  10.0.0.1 (10.0.0.1)  0.569 ms {4321} [254]   0.495 ms {4321} [254]"
                + "   0.490 ms {4321} [254]\n");
        assertThat(text).contains("10.310 ms !T0 {4321} [254]  198.51.100.5");
        assertThat(text).contains("12.500 ms {4321} [60]");
    }

    @Test
    void unreachableMarks() {
        TraceFixtures t = new TraceFixtures("10.0.0.2", "192.0.2.9");
        t.hop(1, 0, timeExceeded("10.0.0.1", 1));
        t.hop(2, 0, unreachable("10.0.0.5", 1, 2)); // host unreachable
        t.hop(2, 1, unreachable("10.0.0.5", 0, 2.5)); // net unreachable
        t.hop(2, 2, unreachable("10.0.0.5", 13, 3)); // administratively prohibited
        String text = new TraceTextRenderer().render(t.finish(TraceStatus.NOT_REACHED));
        assertThat(text).endsWith(" 2  10.0.0.5 (10.0.0.5)  2.000 ms !H   2.500 ms !N   3.000 ms !X\n");
    }

    @Test
    void addressIsRepeatedWhenItChangesBack() {
        TraceFixtures t = new TraceFixtures("10.0.0.2", "192.0.2.9");
        t.hop(1, 0, timeExceeded("10.0.0.1", 1));
        t.hop(1, 1, timeExceeded("10.0.0.3", 2));
        t.hop(1, 2, timeExceeded("10.0.0.1", 3));
        String text = new TraceTextRenderer().numeric(true).render(t.finish(TraceStatus.NOT_REACHED));
        assertThat(text).endsWith(" 1  10.0.0.1  1.000 ms  10.0.0.3  2.000 ms  10.0.0.1  3.000 ms\n");
    }

    @Test
    void starsKeepTheAddressOfTheLastAnswer() {
        // paris-traceroute prints " *" and " address" with one blank each, so "*" is followed by one blank.
        TraceFixtures t = new TraceFixtures("10.0.0.2", "192.0.2.9");
        t.hopTimeout(1, 0);
        t.hop(1, 1, timeExceeded("10.0.0.1", 1));
        t.hopTimeout(1, 2);
        String text = new TraceTextRenderer().numeric(true).render(t.finish(TraceStatus.NOT_REACHED));
        assertThat(text).endsWith(" 1  * 10.0.0.1  1.000 ms  *\n");
    }

    @Test
    void columnsAreOrderedEvenWhenRepliesArriveOutOfOrder() {
        TraceFixtures t = new TraceFixtures("10.0.0.2", "192.0.2.9");
        var p0 = t.send(1, 0);
        var p1 = t.send(1, 1);
        t.answer(p1, timeExceeded("10.0.0.1", 2));
        t.answer(p0, timeExceeded("10.0.0.1", 1));
        String text = new TraceTextRenderer().numeric(true).render(t.finish(TraceStatus.NOT_REACHED));
        assertThat(text).endsWith(" 1  10.0.0.1  1.000 ms   2.000 ms\n");
    }

    @Test
    void differentMplsStacksAreCommaSeparated() {
        TraceFixtures t = new TraceFixtures("10.0.0.2", "192.0.2.9");
        t.hop(1, 0, timeExceeded("10.0.0.1", 1).mpls(100, 1, true));
        t.hop(1, 1, timeExceeded("10.0.0.1", 1).mpls(100, 1, true));
        t.hop(1, 2, timeExceeded("10.0.0.7", 1).mpls(200, 1, false).mpls(3, 254, true));
        String text = new TraceTextRenderer().numeric(true).render(t.finish(TraceStatus.NOT_REACHED));
        assertThat(text).endsWith("\n   MPLS Label 100 TTL=1, MPLS Label 200 TTL=1 | MPLS Label 3 TTL=254\n");
    }

    @Test
    void headerShowsProtocolAlgorithmAndIpv6Brackets() {
        TraceSettings s = TraceSettings.builder("2001:db8::9").protocol(ProbeProtocol.TCP)
                .algorithm(Algorithm.HOPBYHOP).build();
        TraceFixtures t = new TraceFixtures(s, "2001:db8::2", "2001:db8::9");
        t.hop(1, 0, timeExceeded("2001:db8::1", 1));
        TraceSnapshot snap = t.finish(TraceStatus.NOT_REACHED);
        assertThat(new TraceTextRenderer().header(snap)).isEqualTo(
                "traceroute [([2001:db8::2]:33456) -> ([2001:db8::9]:80)], protocol tcp,"
                        + " algo hopbyhop, duration 1 s");
    }
}
