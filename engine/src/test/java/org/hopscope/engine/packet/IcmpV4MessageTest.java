package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.hopscope.engine.packet.IcmpExtensionObject.MplsLabelStack;
import org.junit.jupiter.api.Test;

class IcmpV4MessageTest {

    @Test
    void echoRoundTrips() throws Exception {
        IpPacket ip = IpPacket.parse(SamplePackets.echo4());
        IcmpV4Message icmp = ip.icmpv4();
        assertThat(icmp.type()).isEqualTo(IcmpV4Type.ECHO_REQUEST);
        assertThat(icmp.code()).isZero();
        assertThat(icmp.identifier()).isEqualTo(0x2015);
        assertThat(icmp.sequence()).isEqualTo(1);
        assertThat(icmp.checksumValid()).isTrue();
        assertThat(icmp.isError()).isFalse();
        assertThat(icmp.rfc4884Length()).isZero();
        assertThat(icmp.payload()).isEqualTo(SamplePackets.payload(32));
        assertThat(icmp.quotedBytes()).isEmpty();
        assertThat(icmp.extensions()).isEmpty();
        assertThat(icmp.isTruncated()).isFalse();
        assertThatThrownBy(icmp::quotedPacket).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("ICMP type 8 quotes no packet");
    }

    @Test
    void aCorruptedMessageFailsItsChecksum() throws Exception {
        byte[] bytes = SamplePackets.echo4();
        bytes[bytes.length - 1] ^= 1;
        assertThat(IpPacket.parse(bytes).icmpv4().checksumValid()).isFalse();
    }

    @Test
    void timeExceededWithCompliantExtensions() throws Exception {
        IpPacket ip = IpPacket.parse(SamplePackets.timeExceeded4(true));
        IcmpV4Message icmp = ip.icmpv4();
        assertThat(icmp.type()).isEqualTo(IcmpV4Type.TIME_EXCEEDED);
        assertThat(icmp.isError()).isTrue();
        assertThat(icmp.checksumValid()).isTrue();
        // RFC 4884 §4.2: the 60-byte quote is padded to 128 octets = 32 words.
        assertThat(icmp.rfc4884Length()).isEqualTo(32);
        assertThat(icmp.quotedBytes()).hasSize(128);
        IcmpExtensions ext = icmp.extensions().orElseThrow();
        assertThat(ext.rfc4884Compliant()).isTrue();
        assertThat(ext.version()).isEqualTo(2);
        assertThat(ext.checksumValid()).isTrue();
        assertThat(ext.objects()).containsExactly(new MplsLabelStack(SamplePackets.LABELS), SamplePackets.INCOMING_INTERFACE);
        assertQuotedProbe(icmp.quotedPacket());
    }

    @Test
    void timeExceededWithNonCompliantExtensions() throws Exception {
        IcmpV4Message icmp = IpPacket.parse(SamplePackets.timeExceeded4(false)).icmpv4();
        assertThat(icmp.rfc4884Length()).isZero();
        assertThat(icmp.quotedBytes()).hasSize(128);
        IcmpExtensions ext = icmp.extensions().orElseThrow();
        assertThat(ext.rfc4884Compliant()).isFalse();
        assertThat(ext.objects()).hasSize(2);
        assertQuotedProbe(icmp.quotedPacket());
    }

    private static void assertQuotedProbe(IpPacket quoted) throws MalformedPacketException {
        assertThat(quoted.source()).isEqualTo(SamplePackets.SRC4);
        assertThat(quoted.destination()).isEqualTo(SamplePackets.DST4);
        assertThat(quoted.ttl()).isEqualTo(1);
        assertThat(quoted.isTruncated()).isFalse();   // the zero padding is not part of the packet
        assertThat(quoted.bytes()).hasSize(60);
        assertThat(((Ipv4Packet) quoted).identification()).isEqualTo(0x4285);
        UdpDatagram udp = quoted.udp();
        assertThat(udp.sourcePort()).isEqualTo(33434);
        assertThat(udp.destinationPort()).isEqualTo(33435);
        assertThat(udp.checksumValid(quoted.source(), quoted.destination())).isTrue();
    }

    @Test
    void nonCompliantFormIsRejectedWhenItsChecksumIsWrong() throws Exception {
        byte[] ext = SamplePackets.extensions();
        ext[3] ^= 1;
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.TIME_EXCEEDED).quote(SamplePackets.udp4(1, 1, 2))
                .extensions(ext).rfc4884(false).build();
        IcmpV4Message m = IcmpV4Message.parse(icmp);
        assertThat(m.extensions()).isEmpty();
        assertThat(m.quotedBytes()).hasSize(128 + ext.length);   // no extension: everything is quote
    }

    @Test
    void nonCompliantFormAcceptsAZeroChecksum() throws Exception {
        byte[] ext = new IcmpExtensionsBuilder().add(new MplsLabelStack(SamplePackets.LABELS)).checksumOverride(0).build();
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.TIME_EXCEEDED).quote(SamplePackets.udp4(1, 1, 2))
                .extensions(ext).rfc4884(false).build();
        IcmpExtensions found = IcmpV4Message.parse(icmp).extensions().orElseThrow();
        assertThat(found.checksum()).isZero();
        assertThat(found.checksumValid()).isFalse();
        assertThat(found.objects()).containsExactly(new MplsLabelStack(SamplePackets.LABELS));
    }

    @Test
    void nonCompliantFormNeedsVersion2() throws Exception {
        byte[] ext = SamplePackets.extensions();
        ext[0] = 0x10;
        ext[2] = 0;
        ext[3] = 0;
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.TIME_EXCEEDED).quote(SamplePackets.udp4(1, 1, 2))
                .extensions(ext).rfc4884(false).build();
        assertThat(IcmpV4Message.parse(icmp).extensions()).isEmpty();
    }

    @Test
    void nonCompliantFormNeedsMoreThan132Bytes() throws Exception {
        // A plain 136-byte quote whose bytes 128..131 happen to read "version 2, checksum 0".
        byte[] quote = new byte[132];
        System.arraycopy(SamplePackets.udp4(1, 1, 2), 0, quote, 0, 60);
        quote[128] = 0x20;
        IcmpV4Message m = IcmpV4Message.parse(new IcmpV4Builder().type(IcmpV4Type.TIME_EXCEEDED).quote(quote).build());
        assertThat(m.extensions()).isEmpty();
        assertThat(m.quotedBytes()).hasSize(132);
    }

    @Test
    void compliantFormKeepsAStructureWithABadChecksumAndSaysSo() throws Exception {
        byte[] ext = SamplePackets.extensions();
        ext[3] ^= 1;
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.TIME_EXCEEDED).quote(SamplePackets.udp4(1, 1, 2))
                .extensions(ext).build();
        IcmpExtensions found = IcmpV4Message.parse(icmp).extensions().orElseThrow();
        assertThat(found.checksumValid()).isFalse();
        assertThat(found.objects()).hasSize(2);
    }

    @Test
    void aLengthAttributeBeyondTheMessageMeansNoExtension() throws Exception {
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.TIME_EXCEEDED).quote(SamplePackets.udp4(1, 1, 2))
                .extensions(SamplePackets.extensions()).build();
        icmp[5] = (byte) 60;   // 240 octets
        IcmpV4Message m = IcmpV4Message.parse(icmp);
        assertThat(m.rfc4884Length()).isEqualTo(60);
        assertThat(m.extensions()).isEmpty();
        assertThat(m.quotedBytes()).hasSize(icmp.length - 8);
    }

    @Test
    void compliantLayoutPadsLongQuotesToTheWord() throws Exception {
        byte[] quote = Arrays.copyOf(SamplePackets.fragNeeded4(), 130);
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.DEST_UNREACHABLE).code(1).quote(quote)
                .extensions(SamplePackets.extensions()).build();
        IcmpV4Message m = IcmpV4Message.parse(icmp);
        assertThat(m.rfc4884Length()).isEqualTo(33);   // 130 -> 132 octets
        assertThat(m.quotedBytes()).hasSize(132);
        assertThat(m.extensions()).isPresent();
    }

    @Test
    void nonCompliantLayoutCutsLongQuotesAt128() throws Exception {
        byte[] icmp = new IcmpV4Builder().type(IcmpV4Type.TIME_EXCEEDED).quote(Arrays.copyOf(SamplePackets.fragNeeded4(), 300))
                .extensions(SamplePackets.extensions()).rfc4884(false).build();
        assertThat(icmp).hasSize(8 + 128 + SamplePackets.extensions().length);
        assertThat(IcmpV4Message.parse(icmp).extensions()).isPresent();
    }

    @Test
    void fragmentationNeededCarriesTheNextHopMtu() throws Exception {
        IcmpV4Message icmp = IpPacket.parse(SamplePackets.fragNeeded4()).icmpv4();
        assertThat(icmp.type()).isEqualTo(IcmpV4Type.DEST_UNREACHABLE);
        assertThat(icmp.code()).isEqualTo(IcmpV4Type.CODE_FRAGMENTATION_NEEDED);
        assertThat(IcmpV4Type.unreachableCodeName(icmp.code())).isEqualTo("fragmentation-needed");
        assertThat(icmp.nextHopMtu()).isEqualTo(1280);
        assertThat(icmp.rfc4884Length()).isZero();
        assertThat(icmp.checksumValid()).isTrue();
        IpPacket quoted = icmp.quotedPacket();
        assertThat(quoted.isTruncated()).isTrue();
        assertThat(quoted.totalLength()).isEqualTo(1400);
        assertThat(((Ipv4Packet) quoted).dontFragment()).isTrue();
        assertThat(quoted.udp().sourcePort()).isEqualTo(44758);
        assertThat(quoted.udp().isTruncated()).isTrue();
    }

    @Test
    void parameterProblemCarriesThePointer() throws Exception {
        IcmpV4Message icmp = IpPacket.parse(SamplePackets.parameterProblem4()).icmpv4();
        assertThat(icmp.type()).isEqualTo(IcmpV4Type.PARAMETER_PROBLEM);
        assertThat(icmp.pointer()).isEqualTo(9);
        assertThat(icmp.restOfHeader()).isEqualTo(0x09000000L);
        assertThat(icmp.quotedPacket().udp().destinationPort()).isEqualTo(33434);
    }

    @Test
    void restOfHeaderIsWrittenVerbatim() throws Exception {
        IcmpV4Message m = IcmpV4Message.parse(new IcmpV4Builder().type(40).restOfHeader(0xfedcba98).build());
        assertThat(m.restOfHeader()).isEqualTo(0xfedcba98L);
        assertThat(m.identifier()).isEqualTo(0xfedc);
        assertThat(m.sequence()).isEqualTo(0xba98);
        assertThat(m.checksumValid()).isTrue();
        assertThat(IcmpV4Message.parse(new IcmpV4Builder().type(0).checksumOverride(7).build()).checksum()).isEqualTo(7);
    }

    @Test
    void shortMessagesAreMalformed() {
        assertThatThrownBy(() -> IcmpV4Message.parse(new byte[7])).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("ICMP header needs 8 bytes, 7 available");
    }

    @Test
    void aQuoteThatIsNotAPacketIsMalformedOnlyWhenAskedFor() throws Exception {
        IcmpV4Message m = IcmpV4Message.parse(new IcmpV4Builder().type(IcmpV4Type.TIME_EXCEEDED).quote(new byte[10]).build());
        assertThat(m.quotedBytes()).hasSize(10);
        assertThatThrownBy(m::quotedPacket).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("unsupported IP version 0");
    }

    @Test
    void builderMisuseIsRejected() {
        assertThatThrownBy(() -> new IcmpV4Builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new IcmpV4Builder().type(3).payload(new byte[1]).quote(new byte[1]).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new IcmpV4Builder().type(3).extensions(new byte[4]).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new IcmpV4Builder().type(256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unreachableCodeNames() {
        assertThat(IcmpV4Type.unreachableCodeName(IcmpV4Type.CODE_PORT_UNREACHABLE)).isEqualTo("port-unreachable");
        assertThat(IcmpV4Type.unreachableCodeName(IcmpV4Type.CODE_COMMUNICATION_PROHIBITED))
                .isEqualTo("communication-prohibited");
        assertThat(IcmpV4Type.unreachableCodeName(99)).isEqualTo("code-99");
        assertThat(List.of(3, 11, 12)).allMatch(IcmpV4Type::isError);
        assertThat(List.of(0, 8, 5)).noneMatch(IcmpV4Type::isError);
    }
}
