package org.hopscope.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.transport.TransportChooser.Preference;
import org.hopscope.engine.transport.datagram.DatagramTransport;
import org.hopscope.engine.transport.datagram.LocalRoute;
import org.hopscope.engine.transport.helper.HelperLocator;
import org.hopscope.engine.transport.helper.HelperTransport;
import org.junit.jupiter.api.Test;

/**
 * The chooser with the real parts: a helper that is not there (the locator's own error) and this
 * host's real datagram sockets (opening them sends nothing; the namespace tests probe with them).
 */
class TransportChooserTest {
    private static final String MISSING = "/nonexistent/hopscope-helper";

    private static TransportChooser chooser() {
        HelperLocator locator = new HelperLocator(Map.of(HelperLocator.ENV, MISSING), Optional.empty(), Path.of("/"));
        return new TransportChooser(why -> HelperTransport.start(HelperTransport.Launch.of(locator.locate()),
                LocalRoute::sourceFor), DatagramTransport::open);
    }

    @Test
    void withoutTheHelperTheDatagramTransportIsChosenAndSaysWhy() throws Exception {
        TransportChooser.Choice c = chooser().choose(ProbeProtocol.UDP);
        try (ProbeTransport t = c.transport()) {
            assertThat(t.info().kind()).isEqualTo(TransportInfo.Kind.DATAGRAM);
            assertThat(c.reason()).startsWith("using unprivileged datagram sockets: HOPSCOPE_HELPER=" + MISSING);
            assertThat(t.info().limitations().get(0)).isEqualTo("HOPSCOPE_HELPER=" + MISSING + " is not an executable file");
            assertThat(t.info().summary()).startsWith("transport: datagram (").contains("no TCP probes");
        }
    }

    @Test
    void forcingTheHelperNeverFallsBack() {
        assertThatThrownBy(() -> chooser().choose(ProbeProtocol.UDP, Preference.HELPER))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.error()).isEqualTo(TransportError.TRANSPORT_FAILED);
                    assertThat(e.getMessage()).isEqualTo("HOPSCOPE_HELPER=" + MISSING + " is not an executable file");
                });
    }

    @Test
    void forcingUnprivilegedSkipsTheHelper() throws Exception {
        TransportChooser never = new TransportChooser(why -> {
            throw new AssertionError("the helper must not be started");
        }, DatagramTransport::open);
        TransportChooser.Choice c = never.choose(ProbeProtocol.UDP, Preference.UNPRIVILEGED);
        try (ProbeTransport t = c.transport()) {
            assertThat(t.info().kind()).isEqualTo(TransportInfo.Kind.DATAGRAM);
            assertThat(t.info().limitations().get(0)).isEqualTo("the unprivileged transport was asked for");
        }
    }

    @Test
    void tcpWithoutTheHelperNamesBothReasons() {
        assertThatThrownBy(() -> chooser().choose(ProbeProtocol.TCP))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.error()).isEqualTo(TransportError.UNSUPPORTED);
                    assertThat(e.getMessage()).isEqualTo("TCP probes need the native helper (no TCP probes), and "
                            + "HOPSCOPE_HELPER=" + MISSING + " is not an executable file");
                });
    }

    @Test
    void preferencesParse() {
        assertThat(Preference.parse("Helper")).isEqualTo(Preference.HELPER);
        assertThat(Preference.parse("datagram")).isEqualTo(Preference.UNPRIVILEGED);
        assertThatThrownBy(() -> Preference.parse("raw")).hasMessageContaining("unknown transport 'raw'");
    }
}
