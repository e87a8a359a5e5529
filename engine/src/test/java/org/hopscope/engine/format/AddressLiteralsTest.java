package org.hopscope.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressLiteralsTest {

    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1",
        "0.0.0.0, 0.0.0.0",
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "2001:DB8::0001, 2001:db8::1",
        "::, ::",
        "::1, ::1",
        "fe80::, fe80::",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:1:1:1:1:1:0, 2001:db8:1:1:1:1:1:0",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "::ffff:0:c000:201, ::ffff:0:c000:201",
    })
    void parsesAndFormatsRfc5952(String in, String out) {
        InetAddress a = AddressLiterals.parse(in);
        assertThat(a).isNotNull();
        assertThat(AddressLiterals.format(a)).isEqualTo(out);
        assertThat(AddressLiterals.parse(out)).isEqualTo(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "1abc.example", "256.1.1.1", "1.2.3", "1.2.3.4.5",
        "01.2.3.4", "ab:cd", "::g", "1:2:3:4:5:6:7:8:9", "[::1]", " 1.2.3.4", "fe80::1%no-such-interface-xyz"})
    void rejectsNonLiterals(String text) {
        assertThat(AddressLiterals.parse(text)).isNull();
        assertThat(AddressLiterals.isLiteral(text)).isFalse();
    }

    @Test
    void nullIsNotALiteral() {
        assertThat(AddressLiterals.parse(null)).isNull();
    }
}
