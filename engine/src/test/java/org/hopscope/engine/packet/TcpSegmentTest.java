package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TcpSegmentTest {

    @Test
    void roundTripsHeaderAndOptions() throws Exception {
        IpPacket ip = IpPacket.parse(SamplePackets.tcp4());
        TcpSegment tcp = ip.tcp();
        assertThat(tcp.sourcePort()).isEqualTo(49721);
        assertThat(tcp.destinationPort()).isEqualTo(80);
        assertThat(tcp.sequenceNumber()).isEqualTo(0xdeadbeefL);
        assertThat(tcp.acknowledgementNumber()).isZero();
        assertThat(tcp.flags()).isEqualTo(TcpFlags.SYN);
        assertThat(tcp.isSyn()).isTrue();
        assertThat(tcp.isAck()).isFalse();
        assertThat(tcp.isRst()).isFalse();
        assertThat(tcp.isFin()).isFalse();
        assertThat(tcp.isPsh()).isFalse();
        assertThat(tcp.window()).isEqualTo(64240);
        assertThat(tcp.urgentPointer()).isZero();
        // 4 + 2 + 10 + 1 + 3 = 20 octets of options: already a multiple of 4.
        assertThat(tcp.dataOffset()).isEqualTo(10);
        assertThat(tcp.headerLength()).isEqualTo(40);
        assertThat(tcp.options()).containsExactlyElementsOf(SamplePackets.richTcpOptions());
        assertThat(tcp.hasFullHeader()).isTrue();
        assertThat(tcp.isTruncated()).isFalse();
        assertThat(tcp.payload()).isEmpty();
        assertThat(tcp.checksumValid(ip.source(), ip.destination())).isTrue();
        assertThat(tcp.checksumValid(ip.destination(), ip.source())).isTrue();   // the sum is symmetric
        assertThat(tcp.checksumValid(ip.source(), SamplePackets.ROUTER4)).isFalse();
    }

    @Test
    void optionsArePaddedTo32BitsWithEndOfOptions() throws Exception {
        byte[] bytes = new TcpBuilder().sourcePort(1).destinationPort(2).flags(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR)
                .options(List.of(new TcpOption.Mss(536), new TcpOption.WindowScale(14)))
                .payload(new byte[] {9}).build(SamplePackets.SRC6, SamplePackets.DST6);
        TcpSegment tcp = TcpSegment.parse(bytes);
        assertThat(tcp.headerLength()).isEqualTo(28);   // 4 + 3 = 7, padded to 8
        assertThat(tcp.options()).containsExactly(new TcpOption.Mss(536), new TcpOption.WindowScale(14),
                new TcpOption.EndOfOptions());
        assertThat(tcp.flags()).isEqualTo(0xc2);
        assertThat(tcp.payload()).containsExactly(9);
        assertThat(tcp.checksumValid(SamplePackets.SRC6, SamplePackets.DST6)).isTrue();
    }

    @Test
    void sackBlocksAndUnknownOptionsRoundTrip() throws Exception {
        List<TcpOption> options = List.of(
                new TcpOption.Sack(List.of(new TcpOption.SackBlock(0xfffffff0L, 0x10L), new TcpOption.SackBlock(5, 6),
                        new TcpOption.SackBlock(7, 8))),
                new TcpOption.UnknownTcpOption(30, new byte[] {1, 2}));
        byte[] bytes = new TcpBuilder().sourcePort(1).destinationPort(2).sequenceNumber(0xffffffffL)
                .acknowledgementNumber(0x80000000L).flags(TcpFlags.ACK | TcpFlags.PSH | TcpFlags.FIN)
                .windowSize(3).urgentPointer(4).options(options).build(SamplePackets.SRC4, SamplePackets.DST4);
        TcpSegment tcp = TcpSegment.parse(bytes);
        assertThat(tcp.options()).containsExactly(options.get(0), options.get(1), new TcpOption.EndOfOptions());   // 30 -> 32 octets
        assertThat(tcp.sequenceNumber()).isEqualTo(0xffffffffL);
        assertThat(tcp.acknowledgementNumber()).isEqualTo(0x80000000L);
        assertThat(tcp.isAck()).isTrue();
        assertThat(tcp.isPsh()).isTrue();
        assertThat(tcp.isFin()).isTrue();
        assertThat(tcp.window()).isEqualTo(3);
        assertThat(tcp.urgentPointer()).isEqualTo(4);
    }

    @Test
    void aKnownKindWithAWrongLengthIsKeptRaw() throws Exception {
        byte[] bytes = new TcpBuilder().options(List.of(new TcpOption.UnknownTcpOption(TcpOption.KIND_MSS, new byte[] {1, 2, 3})))
                .build(SamplePackets.SRC4, SamplePackets.DST4);
        assertThat(TcpSegment.parse(bytes).options().get(0))
                .isEqualTo(new TcpOption.UnknownTcpOption(2, new byte[] {1, 2, 3}));
    }

    @Test
    void checksumOverrideIsWrittenVerbatim() throws Exception {
        byte[] bytes = new TcpBuilder().checksumOverride(0xabcd).build(SamplePackets.SRC4, SamplePackets.DST4);
        TcpSegment tcp = TcpSegment.parse(bytes);
        assertThat(tcp.checksum()).isEqualTo(0xabcd);
        assertThat(tcp.checksumValid(SamplePackets.SRC4, SamplePackets.DST4)).isFalse();
    }

    @Test
    void aQuoteOfEightBytesGivesPortsAndSequence() throws Exception {
        IcmpV4Message icmp = IpPacket.parse(SamplePackets.timeExceededQuotingTcp4()).icmpv4();
        IpPacket quoted = icmp.quotedPacket();
        assertThat(quoted.isTruncated()).isTrue();
        TcpSegment tcp = quoted.tcp();
        assertThat(tcp.sourcePort()).isEqualTo(49721);
        assertThat(tcp.destinationPort()).isEqualTo(80);
        assertThat(tcp.sequenceNumber()).isEqualTo(0xdeadbeefL);
        assertThat(tcp.hasFullHeader()).isFalse();
        assertThat(tcp.isTruncated()).isTrue();
        assertThat(tcp.acknowledgementNumber()).isEqualTo(-1);
        assertThat(tcp.dataOffset()).isEqualTo(-1);
        assertThat(tcp.flags()).isEqualTo(-1);
        assertThat(tcp.isSyn()).isFalse();
        assertThat(tcp.window()).isEqualTo(-1);
        assertThat(tcp.checksum()).isEqualTo(-1);
        assertThat(tcp.urgentPointer()).isEqualTo(-1);
        assertThat(tcp.options()).isEmpty();
        assertThat(tcp.payload()).isEmpty();
        assertThat(tcp.checksumValid(quoted.source(), quoted.destination())).isFalse();
    }

    @Test
    void aQuoteCutInsideTheOptionsKeepsTheWholeOptionsBeforeTheCut() throws Exception {
        byte[] probe = SamplePackets.tcp4();
        IpPacket quoted = IpPacket.parseQuoted(probe, 0, 20 + 20 + 7);   // MSS + SACK-permitted + 1 octet
        TcpSegment tcp = quoted.tcp();
        assertThat(tcp.hasFullHeader()).isFalse();
        assertThat(tcp.flags()).isEqualTo(TcpFlags.SYN);
        assertThat(tcp.options()).containsExactly(new TcpOption.Mss(1460), new TcpOption.SackPermitted());
    }

    @Test
    void malformedOptionFramingIsTyped() {
        byte[] zeroLength = new TcpBuilder().options(List.of(new TcpOption.NoOperation(),
                new TcpOption.UnknownTcpOption(99, new byte[2]))).build(SamplePackets.SRC4, SamplePackets.DST4);
        zeroLength[22] = 0;   // option length 0
        assertThatThrownBy(() -> TcpSegment.parse(zeroLength)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("option kind 99 has length 0")
                .satisfies(e -> assertThat(((MalformedPacketException) e).offset()).isEqualTo(21));
        byte[] overrun = zeroLength.clone();
        overrun[22] = 9;
        assertThatThrownBy(() -> TcpSegment.parse(overrun)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("has length 9 with 7 bytes of header left");
    }

    @Test
    void malformedHeadersAreTyped() {
        byte[] ok = new TcpBuilder().build(SamplePackets.SRC4, SamplePackets.DST4);
        assertThatThrownBy(() -> TcpSegment.parse(new byte[19])).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("needs 20 bytes");
        byte[] smallOffset = ok.clone();
        smallOffset[12] = 0x40;
        assertThatThrownBy(() -> TcpSegment.parse(smallOffset)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("data offset 16 bytes below 20");
        byte[] bigOffset = ok.clone();
        bigOffset[12] = (byte) 0xf0;
        assertThatThrownBy(() -> TcpSegment.parse(bigOffset)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("header of 60 bytes exceeds the 20");
    }

    @Test
    void optionsThatDoNotFitAreRejectedByTheBuilder() {
        List<TcpOption> tooMany = List.of(new TcpOption.Timestamps(1, 2), new TcpOption.Timestamps(1, 2),
                new TcpOption.Timestamps(1, 2), new TcpOption.Timestamps(1, 2), new TcpOption.Mss(1));
        assertThatThrownBy(() -> new TcpBuilder().options(tooMany)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("44 bytes");
        assertThatThrownBy(() -> new TcpOption.Sack(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcpOption.SackBlock(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
