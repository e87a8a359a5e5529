package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.hopscope.engine.packet.IcmpExtensionObject.MplsLabelStack;
import org.junit.jupiter.api.Test;

class IcmpV6MessageTest {

    @Test
    void echoRoundTripsAndItsChecksumCoversThePseudoHeader() throws Exception {
        IpPacket ip = IpPacket.parse(SamplePackets.echo6());
        IcmpV6Message icmp = ip.icmpv6();
        assertThat(icmp.type()).isEqualTo(IcmpV6Type.ECHO_REQUEST);
        assertThat(icmp.identifier()).isEqualTo(7);
        assertThat(icmp.sequence()).isEqualTo(9);
        assertThat(icmp.payload()).isEqualTo(SamplePackets.payload(16));
        assertThat(icmp.isError()).isFalse();
        assertThat(icmp.rfc4884Length()).isZero();
        assertThat(icmp.checksumValid(ip.source(), ip.destination())).isTrue();
        assertThat(icmp.checksumValid(ip.source(), SamplePackets.ROUTER6)).isFalse();
        assertThatThrownBy(icmp::quotedPacket).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void timeExceededWithCompliantExtensions() throws Exception {
        IpPacket ip = IpPacket.parse(SamplePackets.timeExceeded6(true));
        IcmpV6Message icmp = ip.icmpv6();
        assertThat(icmp.type()).isEqualTo(IcmpV6Type.TIME_EXCEEDED);
        assertThat(icmp.checksumValid(ip.source(), ip.destination())).isTrue();
        // RFC 4884 §4.5: the 80-byte quote is padded to 128 octets = 16 64-bit words, in octet 4.
        assertThat(icmp.rfc4884Length()).isEqualTo(16);
        assertThat(icmp.restOfHeader()).isEqualTo(16L << 24);
        IcmpExtensions ext = icmp.extensions().orElseThrow();
        assertThat(ext.rfc4884Compliant()).isTrue();
        assertThat(ext.checksumValid()).isTrue();
        assertThat(ext.objects()).containsExactly(new MplsLabelStack(SamplePackets.LABELS), SamplePackets.INCOMING_INTERFACE);
        IpPacket quoted = icmp.quotedPacket();
        assertThat(quoted.version()).isEqualTo(6);
        assertThat(quoted.ttl()).isEqualTo(1);
        assertThat(((Ipv6Packet) quoted).flowLabel()).isEqualTo(0x12345);
        assertThat(quoted.udp().sourcePort()).isEqualTo(50775);
        assertThat(quoted.udp().checksumValid(quoted.source(), quoted.destination())).isTrue();
    }

    @Test
    void timeExceededWithNonCompliantExtensions() throws Exception {
        IcmpV6Message icmp = IpPacket.parse(SamplePackets.timeExceeded6(false)).icmpv6();
        assertThat(icmp.rfc4884Length()).isZero();
        assertThat(icmp.extensions().orElseThrow().rfc4884Compliant()).isFalse();
        assertThat(icmp.quotedBytes()).hasSize(128);
    }

    @Test
    void packetTooBigCarriesTheMtuAndNoLengthAttribute() throws Exception {
        IpPacket ip = IpPacket.parse(SamplePackets.packetTooBig6());
        IcmpV6Message icmp = ip.icmpv6();
        assertThat(icmp.type()).isEqualTo(IcmpV6Type.PACKET_TOO_BIG);
        assertThat(icmp.mtu()).isEqualTo(1280);
        assertThat(icmp.rfc4884Length()).isZero();   // octet 4 is part of the MTU here
        assertThat(icmp.extensions()).isEmpty();
        assertThat(icmp.checksumValid(ip.source(), ip.destination())).isTrue();
        assertThat(ip.totalLength()).isEqualTo(1280);
        IpPacket quoted = icmp.quotedPacket();
        assertThat(quoted.isTruncated()).isTrue();
        assertThat(quoted.totalLength()).isEqualTo(1400);
        assertThat(quoted.udp().sourcePort()).isEqualTo(55615);
    }

    @Test
    void parameterProblemCarriesA32BitPointer() throws Exception {
        byte[] icmp = new IcmpV6Builder().type(IcmpV6Type.PARAMETER_PROBLEM).code(1).pointer(0x10006L)
                .quote(SamplePackets.udp6(1)).build(SamplePackets.ROUTER6, SamplePackets.SRC6);
        IcmpV6Message m = IcmpV6Message.parse(icmp);
        assertThat(m.pointer()).isEqualTo(0x10006L);
        assertThat(m.rfc4884Length()).isZero();
        assertThat(m.checksumValid(SamplePackets.ROUTER6, SamplePackets.SRC6)).isTrue();
        assertThat(m.quotedPacket().udp().destinationPort()).isEqualTo(33434);
    }

    @Test
    void destinationUnreachableCodes() {
        assertThat(IcmpV6Type.unreachableCodeName(IcmpV6Type.CODE_PORT_UNREACHABLE)).isEqualTo("port-unreachable");
        assertThat(IcmpV6Type.unreachableCodeName(IcmpV6Type.CODE_ADMINISTRATIVELY_PROHIBITED))
                .isEqualTo("administratively-prohibited");
        assertThat(IcmpV6Type.unreachableCodeName(42)).isEqualTo("code-42");
        assertThat(List.of(1, 2, 3, 4)).allMatch(IcmpV6Type::isError);
        assertThat(List.of(0, 128, 129, 135)).noneMatch(IcmpV6Type::isError);
    }

    @Test
    void shortMessagesAreMalformed() {
        assertThatThrownBy(() -> IcmpV6Message.parse(new byte[3])).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("ICMPv6 header needs 8 bytes, 3 available");
    }
}
