package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InternetChecksumTest {

    @Test
    void rfc1071WorkedExample() {
        // RFC 1071 §3: 0001 f203 f4f5 f6f7 sums to 2ddf0, folds to ddf2; the field holds its complement.
        byte[] data = Fixtures.hex("00 01 f2 03 f4 f5 f6 f7");
        assertThat(InternetChecksum.partialSum(data, 0, data.length)).isEqualTo(0x2ddf0L);
        assertThat(InternetChecksum.checksum(data, 0, data.length)).isEqualTo(0xffff - 0xddf2);
    }

    @Test
    void oddLengthIsPaddedWithAZeroOctet() {
        assertThat(InternetChecksum.partialSum(new byte[] {0x12, 0x34, 0x56}, 0, 3)).isEqualTo(0x1234 + 0x5600);
        assertThat(InternetChecksum.partialSum(new byte[] {9, 0x12, 0x34, 9}, 1, 2)).isEqualTo(0x1234);
    }

    @Test
    void foldCarriesAndComplements() {
        assertThat(InternetChecksum.fold(0)).isEqualTo(0xffff);
        assertThat(InternetChecksum.fold(0xffff)).isZero();
        assertThat(InternetChecksum.fold(0x1fffe)).isZero();          // 0xfffe + 1
        assertThat(InternetChecksum.fold(0x12345678L)).isEqualTo(~(0x5678 + 0x1234) & 0xffff);
    }

    @Test
    void ipv4PseudoHeaderHasA16BitLength() {
        long sum = InternetChecksum.pseudoHeaderSum(SamplePackets.addr("1.2.3.4"), SamplePackets.addr("5.6.7.8"),
                IpProtocol.UDP, 0x10000 + 40);
        assertThat(sum).isEqualTo(0x0102 + 0x0304 + 0x0506 + 0x0708 + 17 + 40);
    }

    @Test
    void ipv6PseudoHeaderHasA32BitLength() {
        long sum = InternetChecksum.pseudoHeaderSum(SamplePackets.addr("2001:db8::1"), SamplePackets.addr("2001:db8::2"),
                IpProtocol.ICMPV6, 0x10000 + 40);
        assertThat(sum).isEqualTo(2 * (0x2001 + 0x0db8) + 1 + 2 + 58 + 1 + 40);
    }

    @Test
    void mixedFamiliesAreRejected() {
        assertThatThrownBy(() -> InternetChecksum.pseudoHeaderSum(SamplePackets.SRC4, SamplePackets.DST6, 17, 8))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHeaderWithItsChecksumVerifies() throws Exception {
        byte[] packet = SamplePackets.udp4(1, 1, 2);
        assertThat(InternetChecksum.fold(InternetChecksum.partialSum(packet, 0, 20))).isZero();
        assertThat(Ipv4Packet.parse(packet).headerChecksum())
                .isEqualTo(InternetChecksum.checksum(zeroChecksum(packet), 0, 20));
    }

    private static byte[] zeroChecksum(byte[] packet) {
        byte[] copy = packet.clone();
        copy[10] = 0;
        copy[11] = 0;
        return copy;
    }
}
