package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class UdpDatagramTest {

    @Test
    void roundTripsWithAValidChecksum() throws Exception {
        byte[] bytes = new UdpBuilder().sourcePort(33434).destinationPort(53).payload(new byte[] {1, 2, 3})
                .build(SamplePackets.SRC4, SamplePackets.DST4);
        UdpDatagram udp = UdpDatagram.parse(bytes);
        assertThat(udp.sourcePort()).isEqualTo(33434);
        assertThat(udp.destinationPort()).isEqualTo(53);
        assertThat(udp.length()).isEqualTo(11);
        assertThat(udp.payload()).containsExactly(1, 2, 3);
        assertThat(udp.isTruncated()).isFalse();
        assertThat(udp.checksumValid(SamplePackets.SRC4, SamplePackets.DST4)).isTrue();
        assertThat(udp.checksumValid(SamplePackets.SRC4, SamplePackets.ROUTER4)).isFalse();
    }

    @Test
    void checksumOverrideIsWrittenVerbatim() throws Exception {
        byte[] bytes = new UdpBuilder().sourcePort(1).destinationPort(2).payload(new byte[4]).checksumOverride(0x1234)
                .build(SamplePackets.SRC4, SamplePackets.DST4);
        assertThat(UdpDatagram.parse(bytes).checksum()).isEqualTo(0x1234);
    }

    @Test
    void parisChecksumSwapStillVerifies() throws Exception {
        // libparistraceroute network_tag_probe: tag in the payload, compute, then swap tag and checksum.
        int tag = 0x0100;
        byte[] normal = new UdpBuilder().sourcePort(33456).destinationPort(33435).payload(new byte[] {1, 0, 0, 0})
                .build(SamplePackets.SRC4, SamplePackets.DST4);
        int computed = UdpDatagram.parse(normal).checksum();
        byte[] swapped = new UdpBuilder().sourcePort(33456).destinationPort(33435)
                .payload(new byte[] {(byte) (computed >>> 8), (byte) computed, 0, 0}).checksumOverride(tag)
                .build(SamplePackets.SRC4, SamplePackets.DST4);
        UdpDatagram udp = UdpDatagram.parse(swapped);
        assertThat(udp.checksum()).isEqualTo(tag);
        assertThat(udp.checksumValid(SamplePackets.SRC4, SamplePackets.DST4)).isTrue();
    }

    @Test
    void aComputedZeroIsSentAsAllOnes() throws Exception {
        byte[] first = new UdpBuilder().sourcePort(7).destinationPort(9).payload(new byte[2])
                .build(SamplePackets.SRC4, SamplePackets.DST4);
        int c = UdpDatagram.parse(first).checksum();
        // A payload word equal to that checksum brings the sum to 0xffff: the computed checksum is 0.
        byte[] bytes = new UdpBuilder().sourcePort(7).destinationPort(9).payload(new byte[] {(byte) (c >>> 8), (byte) c})
                .build(SamplePackets.SRC4, SamplePackets.DST4);
        UdpDatagram udp = UdpDatagram.parse(bytes);
        assertThat(udp.checksum()).isEqualTo(0xffff);
        assertThat(udp.checksumValid(SamplePackets.SRC4, SamplePackets.DST4)).isTrue();
    }

    @Test
    void zeroChecksumMeansNoneOverIpv4OnlyAndNeverVerifiesOverIpv6() throws Exception {
        byte[] v4 = new UdpBuilder().sourcePort(1).destinationPort(2).checksumOverride(0).build(SamplePackets.SRC4, SamplePackets.DST4);
        assertThat(UdpDatagram.parse(v4).checksumValid(SamplePackets.SRC4, SamplePackets.DST4)).isTrue();
        byte[] v6 = new UdpBuilder().sourcePort(1).destinationPort(2).checksumOverride(0).build(SamplePackets.SRC6, SamplePackets.DST6);
        assertThat(UdpDatagram.parse(v6).checksumValid(SamplePackets.SRC6, SamplePackets.DST6)).isFalse();
    }

    @Test
    void ipv6ChecksumUsesTheIpv6PseudoHeader() throws Exception {
        byte[] bytes = new UdpBuilder().sourcePort(1).destinationPort(2).payload(new byte[9])
                .build(SamplePackets.SRC6, SamplePackets.DST6);
        assertThat(UdpDatagram.parse(bytes).checksumValid(SamplePackets.SRC6, SamplePackets.DST6)).isTrue();
        assertThat(UdpDatagram.parse(bytes).checksumValid(SamplePackets.SRC6, SamplePackets.ROUTER6)).isFalse();
    }

    @Test
    void strictParseChecksTheLengthField() {
        byte[] bytes = new UdpBuilder().sourcePort(1).destinationPort(2).payload(new byte[8])
                .build(SamplePackets.SRC4, SamplePackets.DST4);
        assertThatThrownBy(() -> UdpDatagram.parse(Arrays.copyOf(bytes, 12))).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("UDP length 16 outside [8, 12]");
        byte[] tiny = bytes.clone();
        Bytes.put16(tiny, 4, 7);
        assertThatThrownBy(() -> UdpDatagram.parse(tiny)).isInstanceOf(MalformedPacketException.class)
                .satisfies(e -> assertThat(((MalformedPacketException) e).offset()).isEqualTo(4));
        assertThatThrownBy(() -> UdpDatagram.parse(new byte[7])).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("needs 8 bytes, 7 available");
    }

    @Test
    void aShorterLengthFieldCutsThePayload() throws Exception {
        byte[] bytes = Arrays.copyOf(new UdpBuilder().sourcePort(1).destinationPort(2).payload(new byte[] {5, 6})
                .build(SamplePackets.SRC4, SamplePackets.DST4), 14);
        UdpDatagram udp = UdpDatagram.parse(bytes);
        assertThat(udp.payload()).containsExactly(5, 6);
        assertThat(udp.checksumValid(SamplePackets.SRC4, SamplePackets.DST4)).isTrue();
    }

    @Test
    void aQuotedDatagramWithANonsenseLengthKeepsTheBytes() throws Exception {
        byte[] packet = SamplePackets.udp4(1, 1, 2);
        Bytes.put16(packet, 24, 3);   // UDP length 3
        UdpDatagram udp = IpPacket.parseQuoted(packet, 0, packet.length).udp();
        assertThat(udp.length()).isEqualTo(3);
        assertThat(udp.payload()).hasSize(32);
        assertThat(udp.isTruncated()).isFalse();
    }
}
