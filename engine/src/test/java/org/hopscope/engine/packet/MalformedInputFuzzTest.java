package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Feeds 125,000 mutated, truncated, extended and random packets to every decoder and walks every accessor
 * of whatever decodes (quoted packets, extensions, TCP options included). The property: the only exception
 * that ever escapes is {@link MalformedPacketException}; anything else propagates out of the walk and
 * fails the try.
 */
class MalformedInputFuzzTest {
    private static final int TRIES = 25_000;
    private static final AtomicLong PACKETS = new AtomicLong();
    private static final AtomicLong DECODED = new AtomicLong();

    /** Valid seeds: every crafted kind plus every captured fixture. */
    private static final List<byte[]> IP_SEEDS = ipSeeds();
    /** Transport and ICMP layers alone, plus extension structures, for the per-layer decoders. */
    private static final List<byte[]> LAYER_SEEDS = layerSeeds();

    private static List<byte[]> ipSeeds() {
        List<byte[]> seeds = new ArrayList<>(SamplePackets.all().values());
        for (String name : List.of("netns-v4-time-exceeded-udp", "netns-v4-frag-needed", "netns-v4-tcp-syn-options",
                "netns-v4-time-exceeded-echo", "netns-v6-time-exceeded-udp", "netns-v6-packet-too-big",
                "netns-v6-port-unreachable")) {
            seeds.add(Fixtures.load(name).bytes());
        }
        return List.copyOf(seeds);
    }

    private static List<byte[]> layerSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (byte[] packet : ipSeeds()) {
            try {
                seeds.add(IpPacket.parse(packet).payload());
            } catch (MalformedPacketException e) {
                throw new AssertionError("seed does not parse", e);
            }
        }
        for (String name : List.of("trippy-v4-time-exceeded-mpls-length17", "trippy-v4-time-exceeded-mpls-noncompliant",
                "trippy-v6-time-exceeded-mpls", "trippy-v6-time-exceeded-bad-length")) {
            seeds.add(Fixtures.load(name).bytes());
        }
        seeds.addAll(SamplePackets.extensionStructures());
        return List.copyOf(seeds);
    }

    /** One edit of a byte array; positions are taken modulo the length at the time of the edit. */
    sealed interface Edit permits Flip, Set, Truncate, Extend, Delete {
        byte[] apply(byte[] b);
    }

    record Flip(int position, int bit) implements Edit {
        public byte[] apply(byte[] b) {
            if (b.length > 0) {
                b[Math.floorMod(position, b.length)] ^= (byte) (1 << bit);
            }
            return b;
        }
    }

    /** Headers live in the first bytes: half the sets land in the first 64, where the length fields are. */
    record Set(int position, byte value, boolean head) implements Edit {
        public byte[] apply(byte[] b) {
            if (b.length > 0) {
                b[Math.floorMod(position, head ? Math.min(64, b.length) : b.length)] = value;
            }
            return b;
        }
    }

    record Truncate(int length) implements Edit {
        public byte[] apply(byte[] b) {
            return Arrays.copyOf(b, Math.floorMod(length, b.length + 1));
        }
    }

    record Extend(byte[] tail) implements Edit {
        public byte[] apply(byte[] b) {
            byte[] out = Arrays.copyOf(b, b.length + tail.length);
            System.arraycopy(tail, 0, out, b.length, tail.length);
            return out;
        }
    }

    record Delete(int position, int count) implements Edit {
        public byte[] apply(byte[] b) {
            if (b.length == 0) {
                return b;
            }
            int from = Math.floorMod(position, b.length);
            int n = Math.min(count, b.length - from);
            byte[] out = new byte[b.length - n];
            System.arraycopy(b, 0, out, 0, from);
            System.arraycopy(b, from + n, out, from, b.length - from - n);
            return out;
        }
    }

    private static Arbitrary<Edit> edits() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 1 << 16);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Combinators.combine(position, Arbitraries.integers().between(0, 7)).as(Flip::new)),
                net.jqwik.api.Tuple.of(4, Combinators.combine(position, Arbitraries.bytes(), Arbitraries.of(true, false)).as(Set::new)),
                net.jqwik.api.Tuple.of(1, position.map(Truncate::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(Extend::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(position, Arbitraries.integers().between(1, 16)).as(Delete::new)));
    }

    private static Arbitrary<byte[]> mutated(List<byte[]> seeds, int maxEdits) {
        return Combinators.combine(Arbitraries.of(seeds), edits().list().ofMinSize(1).ofMaxSize(maxEdits))
                .as((seed, list) -> {
                    byte[] b = seed.clone();
                    for (Edit e : list) {
                        b = e.apply(b);
                    }
                    return b;
                });
    }

    @Provide
    Arbitrary<byte[]> mutatedIpPackets() {
        return mutated(IP_SEEDS, 6);
    }

    @Provide
    Arbitrary<byte[]> cutOrExtendedIpPackets() {
        return Combinators.combine(Arbitraries.of(IP_SEEDS), Arbitraries.integers().between(0, 1600),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
                .as((seed, cut, tail) -> {
                    byte[] b = Arrays.copyOf(seed, Math.min(cut, seed.length));
                    return cut % 3 == 0 ? new Extend(tail).apply(b) : b;
                });
    }

    @Provide
    Arbitrary<byte[]> mutatedLayers() {
        return mutated(LAYER_SEEDS, 6);
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        // A plausible version nibble half the time, so the random bytes get past the first check.
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(400), Arbitraries.of(0x45, 0x60, -1))
                .as((b, first) -> {
                    if (b.length > 0 && first >= 0) {
                        b[0] = (byte) (int) first;
                    }
                    return b;
                });
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.FULL)
    void mutatedIpPacketsOnlyEverThrowTheTypedError(@ForAll("mutatedIpPackets") byte[] packet) {
        feedIp(packet);
    }

    @Property(tries = TRIES)
    void truncatedAndExtendedIpPacketsOnlyEverThrowTheTypedError(@ForAll("cutOrExtendedIpPackets") byte[] packet) {
        feedIp(packet);
    }

    @Property(tries = TRIES)
    void mutatedLayersOnlyEverThrowTheTypedError(@ForAll("mutatedLayers") byte[] bytes) {
        feedLayers(bytes);
    }

    @Property(tries = TRIES)
    void randomBytesOnlyEverThrowTheTypedError(@ForAll("randomBytes") byte[] bytes) {
        feedIp(bytes);
        feedLayers(bytes);
    }

    @Property(tries = TRIES)
    void mutatedQuotesInsideValidErrorsOnlyEverThrowTheTypedError(@ForAll("mutatedIpPackets") byte[] quote) {
        // The mutation lands inside a well-formed ICMP error, so the outer layers always decode.
        byte[] v4 = new Ipv4Builder().source(SamplePackets.ROUTER4).destination(SamplePackets.SRC4).protocol(IpProtocol.ICMP)
                .payload(new IcmpV4Builder().type(IcmpV4Type.TIME_EXCEEDED).quote(Arrays.copyOf(quote, Math.min(quote.length, 1000)))
                        .build()).build();
        byte[] v6 = new Ipv6Builder().source(SamplePackets.ROUTER6).destination(SamplePackets.SRC6).nextHeader(IpProtocol.ICMPV6)
                .payload(new IcmpV6Builder().type(IcmpV6Type.DEST_UNREACHABLE).quote(Arrays.copyOf(quote, Math.min(quote.length, 1000)))
                        .build(SamplePackets.ROUTER6, SamplePackets.SRC6)).build();
        feedIp(v4);
        feedIp(v6);
    }

    private static void feedIp(byte[] packet) {
        PACKETS.incrementAndGet();
        try {
            PacketWalker.walk(IpPacket.parse(packet));
            DECODED.incrementAndGet();
        } catch (MalformedPacketException e) {
            assertThat(e.offset()).isBetween(0, Math.max(0, packet.length + 4));
        }
        try {
            PacketWalker.walk(IpPacket.parseQuoted(packet, 0, packet.length));
        } catch (MalformedPacketException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static void feedLayers(byte[] bytes) {
        PACKETS.incrementAndGet();
        try {
            PacketWalker.walkIcmpV4(IcmpV4Message.parse(bytes));
            DECODED.incrementAndGet();
        } catch (MalformedPacketException ignored) {
            // the typed error is the allowed outcome
        }
        try {
            PacketWalker.walkIcmpV6(IcmpV6Message.parse(bytes));
        } catch (MalformedPacketException ignored) {
            // allowed
        }
        try {
            PacketWalker.walkTcp(TcpSegment.parse(bytes));
        } catch (MalformedPacketException ignored) {
            // allowed
        }
        try {
            PacketWalker.walkUdp(UdpDatagram.parse(bytes));
        } catch (MalformedPacketException ignored) {
            // allowed
        }
        try {
            PacketWalker.walkExtensions(IcmpExtensions.parse(bytes));
        } catch (MalformedPacketException ignored) {
            // allowed
        }
    }

    @AfterContainer
    static void report() {
        // Both figures are checked so that a generator silently producing nothing would fail.
        System.out.println("MalformedInputFuzzTest: " + PACKETS.get() + " inputs fed, " + DECODED.get() + " decoded cleanly");
        assertThat(PACKETS.get()).isGreaterThanOrEqualTo(5L * TRIES);
        assertThat(DECODED.get()).isPositive();
    }
}
