package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class Ipv6PacketTest {

    @Test
    void roundTripsEveryHeaderField() throws Exception {
        byte[] bytes = SamplePackets.udp6(3);
        Ipv6Packet v6 = (Ipv6Packet) IpPacket.parse(bytes);
        assertThat(v6.version()).isEqualTo(6);
        assertThat(v6.source()).isEqualTo(SamplePackets.SRC6);
        assertThat(v6.destination()).isEqualTo(SamplePackets.DST6);
        assertThat(v6.ttl()).isEqualTo(3);
        assertThat(v6.trafficClass()).isEqualTo(0x28);
        assertThat(v6.flowLabel()).isEqualTo(0x12345);
        assertThat(v6.payloadLength()).isEqualTo(40);
        assertThat(v6.totalLength()).isEqualTo(80);
        assertThat(v6.nextHeader()).isEqualTo(IpProtocol.UDP);
        assertThat(v6.protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(v6.extensionHeaders()).isEmpty();
        assertThat(v6.upperLayerOffset()).isEqualTo(40);
        assertThat(v6.isTruncated()).isFalse();
        assertThat(v6.bytes()).isEqualTo(bytes);
        UdpDatagram udp = v6.udp();
        assertThat(udp.sourcePort()).isEqualTo(50775);
        assertThat(udp.checksumValid(v6.source(), v6.destination())).isTrue();
    }

    @Test
    void skipsHopByHopDestinationOptionsAndFragmentHeaders() throws Exception {
        Ipv6Packet v6 = Ipv6Packet.parse(SamplePackets.udp6WithExtensionHeaders());
        assertThat(v6.nextHeader()).isEqualTo(IpProtocol.HOP_BY_HOP);
        assertThat(v6.extensionHeaders()).containsExactly(IpProtocol.HOP_BY_HOP,
                IpProtocol.IPV6_DESTINATION_OPTIONS, IpProtocol.IPV6_FRAGMENT);
        assertThat(v6.protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(v6.upperLayerOffset()).isEqualTo(40 + 8 + 16 + 8);
        assertThat(v6.udp().sourcePort()).isEqualTo(1234);
        assertThat(v6.payload()).hasSize(16);
    }

    @Test
    void skipsARoutingHeader() throws Exception {
        byte[] udp = new UdpBuilder().sourcePort(5).destinationPort(6).build(SamplePackets.SRC6, SamplePackets.DST6);
        byte[] chain = new byte[24 + udp.length];
        chain[0] = (byte) IpProtocol.UDP;
        chain[1] = 2;   // (2 + 1) * 8 = 24 octets
        System.arraycopy(udp, 0, chain, 24, udp.length);
        byte[] bytes = new Ipv6Builder().source(SamplePackets.SRC6).destination(SamplePackets.DST6)
                .nextHeader(IpProtocol.IPV6_ROUTING).payload(chain).build();
        Ipv6Packet v6 = Ipv6Packet.parse(bytes);
        assertThat(v6.extensionHeaders()).containsExactly(IpProtocol.IPV6_ROUTING);
        assertThat(v6.udp().destinationPort()).isEqualTo(6);
    }

    @Test
    void anExtensionHeaderRunningPastTheEndIsMalformed() {
        byte[] bytes = SamplePackets.udp6WithExtensionHeaders();
        bytes[40 + 8 + 1] = 30;   // destination options claims 248 octets
        assertThatThrownBy(() -> IpPacket.parse(bytes)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("ipv6-opts header of 248 bytes exceeds")
                .satisfies(e -> assertThat(((MalformedPacketException) e).offset()).isEqualTo(48));
    }

    @Test
    void anExtensionHeaderCutBeforeItsLengthIsMalformed() {
        byte[] bytes = new Ipv6Builder().source(SamplePackets.SRC6).destination(SamplePackets.DST6)
                .nextHeader(IpProtocol.HOP_BY_HOP).payload(new byte[1]).build();
        assertThatThrownBy(() -> IpPacket.parse(bytes)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("hop-by-hop header cut off");
    }

    @Test
    void aNonFirstFragmentHasNoUpperLayerHeader() throws Exception {
        byte[] bytes = SamplePackets.udp6WithExtensionHeaders();
        bytes[40 + 24 + 2] = 0x01;   // fragment offset 32 octets
        Ipv6Packet v6 = Ipv6Packet.parse(bytes);
        assertThat(v6.protocol()).isEqualTo(IpProtocol.UDP);
        assertThatThrownBy(v6::udp).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("non-first fragment");
    }

    @Test
    void payloadLengthBeyondTheBytesIsMalformedUnlessQuoted() throws Exception {
        byte[] cut = Arrays.copyOf(SamplePackets.udp6(1), 48);
        assertThatThrownBy(() -> IpPacket.parse(cut)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("payload length 40 exceeds the 8 bytes available");
        IpPacket quoted = IpPacket.parseQuoted(cut, 0, cut.length);
        assertThat(quoted.isTruncated()).isTrue();
        assertThat(quoted.totalLength()).isEqualTo(80);
        assertThat(quoted.udp().destinationPort()).isEqualTo(33434);
    }

    @Test
    void shortOrWrongVersionIsMalformed() {
        assertThatThrownBy(() -> Ipv6Packet.parse(new byte[39])).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("needs 40 bytes");
        byte[] v4 = SamplePackets.udp4(1, 1, 2);
        assertThatThrownBy(() -> Ipv6Packet.parse(Arrays.copyOf(v4, 60))).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("version field is 4");
    }

    @Test
    void ipv4MappedAddressesStayIpv6() throws Exception {
        byte[] bytes = new Ipv6Builder().source(SamplePackets.SRC6).destination(SamplePackets.DST6)
                .nextHeader(IpProtocol.IPV6_NO_NEXT_HEADER).build();
        byte[] mapped = Fixtures.hex("00000000000000000000ffffc6120102");
        System.arraycopy(mapped, 0, bytes, 8, 16);
        IpPacket ip = IpPacket.parse(bytes);
        assertThat(ip.source()).isInstanceOf(Inet6Address.class);
        assertThat(ip.protocol()).isEqualTo(IpProtocol.IPV6_NO_NEXT_HEADER);
    }
}
