package org.hopscope.engine.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReservedRangesTest {
    @ParameterizedTest
    @CsvSource({
        "10.1.2.3, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.0.1, private",
        "100.64.0.1, shared address space", "100.127.255.254, shared address space",
        "127.0.0.1, loopback", "169.254.10.10, link-local", "198.18.0.1, benchmarking",
        "198.19.255.255, benchmarking", "192.0.2.1, documentation", "198.51.100.7, documentation",
        "203.0.113.9, documentation", "0.1.2.3, this network", "224.0.0.5, multicast", "240.0.0.1, reserved",
        "255.255.255.255, limited broadcast", "192.0.0.8, IETF protocol assignments",
        "fc00::1, private", "fd12:3456::1, private", "fe80::1, link-local", "2001:db8::1, documentation",
        "2001:2::1, benchmarking", "::1, loopback", "::, unspecified", "ff02::1, multicast",
        "3fff::1, documentation", "100::1, discard-only"
    })
    void labelsReservedAddresses(String address, String label) throws Exception {
        assertThat(ReservedRanges.classify(InetAddress.getByName(address)))
                .hasValueSatisfying(r -> assertThat(r.label()).isEqualTo(label));
    }

    @ParameterizedTest
    @CsvSource({"8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255", "198.20.0.1",
        "198.17.255.255", "11.0.0.1", "2001:4860:4860::8888", "2001:db9::1", "fe00::1", "fec0::1"})
    void publicAddressesHaveNoLabel(String address) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        assertThat(ReservedRanges.classify(a)).isEmpty();
        assertThat(ReservedRanges.isPublic(a)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"224.0.0.1, false", "10.0.0.1, true", "::, false", "fe80::1, true"})
    void reverseDnsOnlyWhereANameCanExist(String address, boolean reverse) throws Exception {
        assertThat(ReservedRanges.classify(InetAddress.getByName(address)).orElseThrow().reverseDns())
                .isEqualTo(reverse);
    }
}
