package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Builders reject programming errors with unchecked exceptions at the call that makes them. */
class BuilderMisuseTest {

    @Test
    void ipv4Builder() {
        assertThatThrownBy(() -> new Ipv4Builder().source(SamplePackets.SRC6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> new Ipv4Builder().ttl(256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl must be in [0, 255], was 256");
        assertThatThrownBy(() -> new Ipv4Builder().options(new byte[41])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ipv4Builder().source(SamplePackets.SRC4).destination(SamplePackets.DST4).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("protocol");
        assertThatThrownBy(() -> new Ipv4Builder().source(SamplePackets.SRC4).destination(SamplePackets.DST4)
                .protocol(17).payload(new byte[65516]).build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ipv6Builder() {
        assertThatThrownBy(() -> new Ipv6Builder().destination(SamplePackets.DST4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ipv6Builder().flowLabel(0x100000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ipv6Builder().source(SamplePackets.SRC6).destination(SamplePackets.DST6).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void transportBuilders() {
        assertThatThrownBy(() -> new UdpBuilder().sourcePort(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UdpBuilder().build(SamplePackets.SRC4, SamplePackets.DST6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same address family");
        assertThatThrownBy(() -> new TcpBuilder().sequenceNumber(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IcmpV6Builder().mtu(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IcmpV6Builder().type(1).quote(new byte[2100]).extensions(new byte[4])
                .build(SamplePackets.SRC6, SamplePackets.DST6)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("too long for the length attribute");
    }
}
