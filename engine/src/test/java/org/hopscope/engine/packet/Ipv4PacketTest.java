package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class Ipv4PacketTest {

    @Test
    void roundTripsEveryHeaderField() throws Exception {
        byte[] bytes = new Ipv4Builder().source(SamplePackets.SRC4).destination(SamplePackets.DST4).ttl(17).tos(0xb8)
                .identification(0xbeef).dontFragment(true).moreFragments(false).protocol(IpProtocol.UDP)
                .payload(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).build();

        IpPacket ip = IpPacket.parse(bytes);

        assertThat(ip).isInstanceOf(Ipv4Packet.class);
        Ipv4Packet v4 = (Ipv4Packet) ip;
        assertThat(v4.version()).isEqualTo(4);
        assertThat(v4.source()).isEqualTo(SamplePackets.SRC4);
        assertThat(v4.destination()).isEqualTo(SamplePackets.DST4);
        assertThat(v4.ttl()).isEqualTo(17);
        assertThat(v4.trafficClass()).isEqualTo(0xb8);
        assertThat(v4.identification()).isEqualTo(0xbeef);
        assertThat(v4.dontFragment()).isTrue();
        assertThat(v4.moreFragments()).isFalse();
        assertThat(v4.fragmentOffset()).isZero();
        assertThat(v4.protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(v4.headerLength()).isEqualTo(20);
        assertThat(v4.totalLength()).isEqualTo(28);
        assertThat(v4.isTruncated()).isFalse();
        assertThat(v4.payload()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(v4.bytes()).isEqualTo(bytes);
        assertThat(v4.headerChecksumValid()).isTrue();
        assertThat(v4.options()).isEmpty();
    }

    @Test
    void fragmentFieldsRoundTrip() throws Exception {
        byte[] bytes = new Ipv4Builder().source(SamplePackets.SRC4).destination(SamplePackets.DST4).moreFragments(true)
                .fragmentOffset(185).protocol(IpProtocol.UDP).payload(new byte[16]).build();
        Ipv4Packet v4 = Ipv4Packet.parse(bytes);
        assertThat(v4.moreFragments()).isTrue();
        assertThat(v4.dontFragment()).isFalse();
        assertThat(v4.fragmentOffset()).isEqualTo(185);
        assertThatThrownBy(v4::udp).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("non-first fragment");
    }

    @Test
    void optionsAreSkippedAndKept() throws Exception {
        Ipv4Packet v4 = Ipv4Packet.parse(SamplePackets.ipv4WithOptions());
        assertThat(v4.headerLength()).isEqualTo(24);
        assertThat(v4.options()).containsExactly(1, 1, 1, 0);
        assertThat(v4.headerChecksumValid()).isTrue();
        assertThat(v4.udp().sourcePort()).isEqualTo(1);
        assertThat(v4.udp().destinationPort()).isEqualTo(2);
    }

    @Test
    void aCorruptedHeaderFailsItsChecksum() throws Exception {
        byte[] bytes = SamplePackets.udp4(5, 1, 2);
        bytes[8] = 4;   // TTL changed without updating the checksum
        assertThat(Ipv4Packet.parse(bytes).headerChecksumValid()).isFalse();
    }

    @Test
    void trailingLinkPaddingIsIgnored() throws Exception {
        byte[] bytes = SamplePackets.udp4(1, 1, 2);
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 6);
        IpPacket ip = IpPacket.parse(padded);
        assertThat(ip.bytes()).isEqualTo(bytes);
        assertThat(ip.udp().payload()).hasSize(32);
    }

    @Test
    void strictParseRejectsADeclaredLengthBeyondTheBytes() {
        byte[] cut = Arrays.copyOf(SamplePackets.udp4(1, 1, 2), 40);
        assertThatThrownBy(() -> IpPacket.parse(cut)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("total length 60 exceeds the 40 bytes available")
                .satisfies(e -> assertThat(((MalformedPacketException) e).offset()).isEqualTo(2));
    }

    @Test
    void quotedParseAcceptsATruncatedPacket() throws Exception {
        byte[] cut = Arrays.copyOf(SamplePackets.udp4(1, 33434, 33435), 28);
        IpPacket ip = IpPacket.parseQuoted(cut, 0, cut.length);
        assertThat(ip.isTruncated()).isTrue();
        assertThat(ip.totalLength()).isEqualTo(60);
        assertThat(ip.bytes()).hasSize(28);
        UdpDatagram udp = ip.udp();
        assertThat(udp.sourcePort()).isEqualTo(33434);
        assertThat(udp.destinationPort()).isEqualTo(33435);
        assertThat(udp.isTruncated()).isTrue();
        assertThat(udp.checksumValid(ip.source(), ip.destination())).isFalse();
    }

    @Test
    void quotedParseNeedsTheUdpHeader() {
        byte[] cut = Arrays.copyOf(SamplePackets.udp4(1, 1, 2), 25);
        assertThatThrownBy(() -> IpPacket.parseQuoted(cut, 0, cut.length).udp())
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("UDP header needs 8 bytes, 5");
    }

    @Test
    void rejectsMalformedHeaders() {
        byte[] ok = SamplePackets.udp4(1, 1, 2);
        assertMalformed(Arrays.copyOf(ok, 19), "needs 20 bytes", 0);
        assertMalformed(new byte[0], "empty", 0);
        byte[] v5 = ok.clone();
        v5[0] = 0x55;
        assertMalformed(v5, "unsupported IP version 5", 0);
        byte[] ihl4 = ok.clone();
        ihl4[0] = 0x44;
        assertMalformed(ihl4, "header length 16 below 20", 0);
        byte[] ihl15 = Arrays.copyOf(ok, 40);
        ihl15[0] = 0x4f;
        Bytes.put16(ihl15, 2, 40);
        assertMalformed(ihl15, "header length 60 exceeds the 40 bytes", 0);
        byte[] shortTotal = ok.clone();
        Bytes.put16(shortTotal, 2, 19);
        assertMalformed(shortTotal, "total length 19 below header length 20", 2);
    }

    @Test
    void wrongProtocolAccessorsFailTyped() throws Exception {
        IpPacket ip = IpPacket.parse(SamplePackets.udp4(1, 1, 2));
        assertThatThrownBy(ip::tcp).isInstanceOf(MalformedPacketException.class).hasMessageContaining("not TCP");
        assertThatThrownBy(ip::icmpv4).isInstanceOf(MalformedPacketException.class).hasMessageContaining("not ICMP");
        assertThatThrownBy(ip::icmpv6).isInstanceOf(MalformedPacketException.class).hasMessageContaining("not ICMPv6");
    }

    @Test
    void viewsAreImmutable() throws Exception {
        byte[] bytes = SamplePackets.udp4(1, 1, 2);
        IpPacket ip = IpPacket.parse(bytes);
        bytes[8] = 99;
        ip.bytes()[8] = 99;
        ip.payload()[0] = 99;
        assertThat(ip.ttl()).isEqualTo(1);
        assertThat(ip.payload()[0]).isZero();   // high byte of source port 1
        assertThat(ip.bytes()).isNotSameAs(ip.bytes());
    }

    private static void assertMalformed(byte[] bytes, String message, int offset) {
        assertThatThrownBy(() -> IpPacket.parse(bytes)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((MalformedPacketException) e).offset()).isEqualTo(offset));
    }
}
