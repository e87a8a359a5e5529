package org.hopscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
    private static InetAddress ip(String s) throws UnknownHostException {
        return InetAddress.getByName(s);
    }

    private final TargetResolver fakeDns = new TargetResolver(name -> switch (name) {
        case "dual.example" -> List.of(ip("2001:db8::5"), ip("192.0.2.5"));
        case "v4only.example" -> List.of(ip("192.0.2.4"));
        default -> throw new UnknownHostException(name);
    });

    @Test
    void literalsAreNeverLookedUp() throws Exception {
        TargetResolver noDns = new TargetResolver(name -> {
            throw new AssertionError("looked up " + name);
        });
        assertThat(noDns.resolve("192.0.2.1", 0, null)).isEqualTo(ip("192.0.2.1"));
        assertThat(noDns.resolve("2001:db8::1", 6, null)).isEqualTo(ip("2001:db8::1"));
    }

    @Test
    void namesGoToTheResolverAndRespectTheFamily() throws Exception {
        assertThat(fakeDns.resolve("dual.example", 0, null)).isEqualTo(ip("2001:db8::5"));
        assertThat(fakeDns.resolve("dual.example", 4, null)).isEqualTo(ip("192.0.2.5"));
        assertThat(fakeDns.resolve("dual.example", 6, null)).isEqualTo(ip("2001:db8::5"));
        assertThatThrownBy(() -> fakeDns.resolve("v4only.example", 6, null)).isInstanceOf(UsageException.class)
                .hasMessage("cannot resolve 'v4only.example': it has no IPv6 address");
    }

    @Test
    void unknownNameIsAUsageError() {
        assertThatThrownBy(() -> fakeDns.resolve("nowhere.invalid", 0, null)).isInstanceOf(UsageException.class)
                .hasMessage("cannot resolve 'nowhere.invalid': unknown host");
    }

    @Test
    void simulatedNamesComeFirstAndDnsIsNotAsked() throws Exception {
        TargetResolver noDns = new TargetResolver(name -> {
            throw new AssertionError("looked up " + name);
        });
        InetAddress dst = ip("198.18.7.10");
        TargetResolver.LocalNames sim = (name, v) -> name.equals("dst") ? Optional.of(dst) : Optional.empty();
        assertThat(noDns.resolve("dst", 0, sim)).isEqualTo(ip("198.18.7.10"));
        assertThatThrownBy(() -> noDns.resolve("example.com", 0, sim)).isInstanceOf(UsageException.class)
                .hasMessage("cannot resolve 'example.com': the simulated network has no such host");
    }
}
