package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.hopscope.engine.packet.IcmpExtensionObject.InterfaceInformation;
import org.hopscope.engine.packet.IcmpExtensionObject.MplsLabelStack;
import org.hopscope.engine.packet.IcmpExtensionObject.UnknownExtensionObject;
import org.junit.jupiter.api.Test;

class IcmpExtensionsTest {

    /** trippy's vector (crates/trippy-packet, from a real ICMPv6 time exceeded): see PROVENANCE.md. */
    static final byte[] TRIPPY_MPLS = Fixtures.hex("20 00 96 53 00 0c 01 01 06 9f 18 01 00 00 29 ff");

    @Test
    void decodesTrippysMplsVector() throws Exception {
        IcmpExtensions ext = IcmpExtensions.parse(TRIPPY_MPLS);
        assertThat(ext.version()).isEqualTo(2);
        assertThat(ext.checksum()).isEqualTo(0x9653);
        assertThat(ext.checksumValid()).isTrue();
        assertThat(ext.objects()).containsExactly(new MplsLabelStack(List.of(
                new MplsLabel(27121, 4, false, 1),
                new MplsLabel(2, 4, true, 255))));
    }

    @Test
    void buildsTrippysMplsVectorByteForByte() {
        byte[] built = new IcmpExtensionsBuilder().add(new MplsLabelStack(List.of(
                new MplsLabel(27121, 4, false, 1), new MplsLabel(2, 4, true, 255)))).build();
        assertThat(built).isEqualTo(TRIPPY_MPLS);
    }

    @Test
    void mplsLabelExtremesRoundTrip() throws Exception {
        List<MplsLabel> labels = List.of(new MplsLabel(0xfffff, 7, true, 255), new MplsLabel(0, 0, false, 0));
        byte[] built = new IcmpExtensionsBuilder().add(new MplsLabelStack(labels)).build();
        assertThat(built).containsSubsequence((byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0);
        assertThat(((MplsLabelStack) IcmpExtensions.parse(built).objects().get(0)).entries()).isEqualTo(labels);
        assertThatThrownBy(() -> new MplsLabel(0x100000, 0, true, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MplsLabel(1, 8, true, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MplsLabelStack(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void interfaceInformationRoundTripsEveryCombination() throws Exception {
        for (int bits = 0; bits < 16; bits++) {
            for (int role = 0; role < 4; role++) {
                InterfaceInformation info = new InterfaceInformation(role,
                        (bits & 8) != 0 ? OptionalInt.of(-2) : OptionalInt.empty(),
                        (bits & 4) != 0 ? Optional.of(role % 2 == 0 ? SamplePackets.ROUTER4 : SamplePackets.ROUTER6) : Optional.empty(),
                        (bits & 2) != 0 ? Optional.of("et-" + role + "/" + bits) : Optional.empty(),
                        (bits & 1) != 0 ? OptionalInt.of(9000) : OptionalInt.empty());
                assertThat(info.cType()).isEqualTo(role << 6 | bits);
                IcmpExtensions parsed = IcmpExtensions.parse(new IcmpExtensionsBuilder().add(info).build());
                assertThat(parsed.objects()).containsExactly(info);
                assertThat(parsed.checksumValid()).isTrue();
            }
        }
    }

    @Test
    void interfaceNameSubObjectIsPaddedToAMultipleOf4() {
        InterfaceInformation info = new InterfaceInformation(0, OptionalInt.empty(), Optional.empty(),
                Optional.of("eth0"), OptionalInt.empty());
        byte[] built = new IcmpExtensionsBuilder().add(info).build();
        // header 4 + object header 4 + name sub-object: length octet 8, "eth0", 3 NULs
        assertThat(built).hasSize(16);
        assertThat(built[8]).isEqualTo((byte) 8);
        assertThat(built[6]).isEqualTo((byte) 2);                 // class 2
        assertThat(built[7]).isEqualTo((byte) 0x02);              // role 0, name bit
        assertThatThrownBy(() -> new InterfaceInformation(0, OptionalInt.empty(), Optional.empty(),
                Optional.of("x".repeat(64)), OptionalInt.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new InterfaceInformation(0, OptionalInt.empty(), Optional.empty(),
                Optional.of("x".repeat(63)), OptionalInt.empty()).name()).contains("x".repeat(63));
    }

    @Test
    void anInterfaceObjectThatDoesNotMatchItsCTypeIsKeptRaw() throws Exception {
        // C-Type says ifIndex + MTU (8 octets) but only 4 follow.
        byte[] ext = Fixtures.hex("20 00 00 00 00 08 02 09 00 00 00 05");
        IcmpExtensions parsed = IcmpExtensions.parse(ext);
        assertThat(parsed.objects()).containsExactly(new UnknownExtensionObject(2, 9, new byte[] {0, 0, 0, 5}));
        // An address family other than IPv4/IPv6.
        byte[] afi = Fixtures.hex("20 00 00 00 00 0c 02 04 00 03 00 00 01 02 03 04");
        assertThat(IcmpExtensions.parse(afi).objects().get(0)).isInstanceOf(UnknownExtensionObject.class);
    }

    @Test
    void unknownClassesAndBadMplsPayloadsAreKeptRaw() throws Exception {
        byte[] ext = Fixtures.hex("20 00 00 00 00 06 01 01 aa bb 00 08 05 07 01 02 03 04");
        IcmpExtensions parsed = IcmpExtensions.parse(ext);
        assertThat(parsed.objects()).containsExactly(
                new UnknownExtensionObject(1, 1, new byte[] {(byte) 0xaa, (byte) 0xbb}),
                new UnknownExtensionObject(5, 7, new byte[] {1, 2, 3, 4}));
        assertThat(parsed.objects().get(1).hashCode())
                .isEqualTo(new UnknownExtensionObject(5, 7, new byte[] {1, 2, 3, 4}).hashCode());
        assertThat(parsed.checksumValid()).isFalse();
    }

    @Test
    void objectFramingErrorsAreMalformed() {
        assertMalformed("20 00 00 00 00 03 01 01", "object length 3", 4);
        assertMalformed("20 00 00 00 00 0c 01 01 00 00 00 00", "object length 12 with 8 bytes left", 4);
        assertMalformed("20 00 00 00 00 04 01 01 00 00", "object header cut off", 8);
        assertMalformed("10 00 00 00", "version 1, expected 2", 0);
        assertMalformed("20 00", "needs 4 bytes", 0);
    }

    @Test
    void checksumOverrideAndEmptyStructure() throws Exception {
        byte[] empty = new IcmpExtensionsBuilder().build();
        assertThat(empty).hasSize(4);
        assertThat(IcmpExtensions.parse(empty).objects()).isEmpty();
        assertThat(IcmpExtensions.parse(empty).checksumValid()).isTrue();
        byte[] zero = new IcmpExtensionsBuilder().add(new MplsLabelStack(SamplePackets.LABELS)).checksumOverride(0).build();
        assertThat(IcmpExtensions.parse(zero).checksum()).isZero();
        assertThat(IcmpExtensions.parse(zero).checksumValid()).isFalse();
    }

    private static void assertMalformed(String hex, String message, int offset) {
        assertThatThrownBy(() -> IcmpExtensions.parse(Fixtures.hex(hex))).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((MalformedPacketException) e).offset()).isEqualTo(offset));
    }
}
