package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hopscope.engine.packet.IcmpExtensionObject.InterfaceInformation;
import org.hopscope.engine.packet.IcmpExtensionObject.MplsLabelStack;
import org.hopscope.engine.pcap.PcapWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Writes crafted packets with {@link PcapWriter}, has tshark decode the file, and checks field by field
 * that tshark reads the values our views read: an independent decoder agreeing on addresses, lengths,
 * checksums and their status, TCP options, quoted packets and ICMP extensions.
 */
class TsharkCrossCheckTest {
    private static final Instant T0 = Instant.ofEpochSecond(1_795_600_000L, 100_000_001L);

    /** Checksum status values of Wireshark's proto_checksum_enum_e. */
    private static final long BAD = 0;
    private static final long GOOD = 1;
    private static final long UNVERIFIED = 2;

    private interface Check {
        void verify(IpPacket ours, Tshark.Frame theirs) throws Exception;
    }

    private record Case(String name, byte[] packet, Check check) {
    }

    private static Path dir;
    private static List<Tshark.Frame> frames;
    private static final List<Case> CASES = cases();

    @BeforeAll
    static void decodeWithTshark() throws Exception {
        Path tshark = Tshark.require();
        dir = Files.createTempDirectory("hopscope-tshark");
        Path pcap = dir.resolve("crafted.pcap");
        try (PcapWriter w = PcapWriterTest.openOrSkip(pcap, PcapWriter.Resolution.NANOSECONDS)) {
            for (int i = 0; i < CASES.size(); i++) {
                w.write(CASES.get(i).packet(), T0.plusNanos(i * 1_000_001L));
            }
        }
        frames = Tshark.decode(tshark, pcap);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (dir != null) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @TestFactory
    Stream<DynamicTest> tsharkAgrees() {
        assertThat(frames).hasSameSizeAs(CASES);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            Tshark.Frame frame = frames.get(i);
            Instant written = T0.plusNanos(i * 1_000_001L);
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                assertThat(new BigDecimal(frame.one("frame.time_epoch", 0)))
                        .as("nanosecond timestamp").isEqualByComparingTo(
                                BigDecimal.valueOf(written.getEpochSecond()).add(BigDecimal.valueOf(written.getNano(), 9)));
                assertThat(frame.num("frame.len", 0)).isEqualTo(c.packet().length);
                c.check().verify(IpPacket.parse(c.packet()), frame);
            }));
        }
        return tests.stream();
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("IPv4/UDP", SamplePackets.udp4(7, 33434, 33435), (ip, f) -> {
            ipv4(f, 0, (Ipv4Packet) ip);
            udp(f, 0, ip, ip.udp());
        }));
        cases.add(new Case("IPv4/UDP with a Paris checksum that does not verify",
                ipv4Udp(new UdpBuilder().sourcePort(33456).destinationPort(33435).payload(new byte[8]).checksumOverride(0x1234)),
                (ip, f) -> {
                    assertThat(ip.udp().checksumValid(ip.source(), ip.destination())).isFalse();
                    udp(f, 0, ip, ip.udp());
                }));
        cases.add(new Case("IPv4/TCP with MSS, SACK-permitted, timestamps, window scale and SACK blocks", tcpWithAllOptions(),
                (ip, f) -> {
                    ipv4(f, 0, (Ipv4Packet) ip);
                    tcp(f, ip, ip.tcp());
                }));
        cases.add(new Case("IPv4/ICMP echo request", SamplePackets.echo4(), (ip, f) -> {
            ipv4(f, 0, (Ipv4Packet) ip);
            IcmpV4Message icmp = ip.icmpv4();
            icmpv4(f, icmp);
            assertThat(f.num("icmp.ident", 0)).isEqualTo(icmp.identifier());
            assertThat(f.num("icmp.seq", 0)).isEqualTo(icmp.sequence());
        }));
        cases.add(new Case("IPv4/ICMP time exceeded quoting a UDP probe, RFC 4884 MPLS + RFC 5837 extension",
                SamplePackets.timeExceeded4(true), (ip, f) -> {
                    IcmpV4Message icmp = ip.icmpv4();
                    assertThat(f.num("icmp.length", 0)).isEqualTo(icmp.rfc4884Length());
                    timeExceeded4(ip, f, icmp);
                }));
        cases.add(new Case("IPv4/ICMP time exceeded, non-compliant 128-octet extension", SamplePackets.timeExceeded4(false),
                (ip, f) -> {
                    IcmpV4Message icmp = ip.icmpv4();
                    assertThat(icmp.rfc4884Length()).isZero();
                    assertThat(f.all("icmp.length")).isEmpty();
                    timeExceeded4(ip, f, icmp);
                }));
        cases.add(new Case("IPv4/ICMP destination unreachable, fragmentation needed", SamplePackets.fragNeeded4(), (ip, f) -> {
            ipv4(f, 0, (Ipv4Packet) ip);
            IcmpV4Message icmp = ip.icmpv4();
            icmpv4(f, icmp);
            assertThat(f.num("icmp.mtu", 0)).isEqualTo(icmp.nextHopMtu());
            IpPacket quoted = icmp.quotedPacket();
            ipv4(f, 1, (Ipv4Packet) quoted);
            udp(f, 0, quoted, quoted.udp());
        }));
        cases.add(new Case("IPv4/ICMP parameter problem", SamplePackets.parameterProblem4(), (ip, f) -> {
            IcmpV4Message icmp = ip.icmpv4();
            icmpv4(f, icmp);
            assertThat(f.num("icmp.pointer", 0)).isEqualTo(icmp.pointer());
            ipv4(f, 1, (Ipv4Packet) icmp.quotedPacket());
        }));
        cases.add(new Case("IPv4 with options", SamplePackets.ipv4WithOptions(), (ip, f) -> {
            ipv4(f, 0, (Ipv4Packet) ip);
            assertThat(f.num("ip.hdr_len", 0)).isEqualTo(24);
            udp(f, 0, ip, ip.udp());
        }));
        cases.add(new Case("IPv6/UDP", SamplePackets.udp6(9), (ip, f) -> {
            ipv6(f, 0, (Ipv6Packet) ip);
            udp(f, 0, ip, ip.udp());
        }));
        cases.add(new Case("IPv6/ICMPv6 time exceeded quoting a UDP probe, RFC 4884 extension",
                SamplePackets.timeExceeded6(true), (ip, f) -> {
                    ipv6(f, 0, (Ipv6Packet) ip);
                    IcmpV6Message icmp = ip.icmpv6();
                    icmpv6(f, ip, icmp);
                    assertThat(f.num("icmpv6.length", 0)).isEqualTo(icmp.rfc4884Length());
                    IpPacket quoted = icmp.quotedPacket();
                    ipv6(f, 1, (Ipv6Packet) quoted);
                    udp(f, 0, quoted, quoted.udp());
                    extensions(f, icmp.extensions().orElseThrow());
                }));
        cases.add(new Case("IPv6/ICMPv6 packet too big", SamplePackets.packetTooBig6(), (ip, f) -> {
            ipv6(f, 0, (Ipv6Packet) ip);
            IcmpV6Message icmp = ip.icmpv6();
            icmpv6(f, ip, icmp);
            assertThat(f.num("icmpv6.mtu", 0)).isEqualTo(icmp.mtu());
            IpPacket quoted = icmp.quotedPacket();
            ipv6(f, 1, (Ipv6Packet) quoted);
            udp(f, 0, quoted, quoted.udp());
        }));
        cases.add(new Case("IPv6/ICMPv6 echo request", SamplePackets.echo6(), (ip, f) -> {
            IcmpV6Message icmp = ip.icmpv6();
            icmpv6(f, ip, icmp);
            assertThat(f.num("icmpv6.echo.identifier", 0)).isEqualTo(icmp.identifier());
            assertThat(f.num("icmpv6.echo.sequence_number", 0)).isEqualTo(icmp.sequence());
        }));
        cases.add(new Case("IPv6/TCP", SamplePackets.tcp6(), (ip, f) -> {
            ipv6(f, 0, (Ipv6Packet) ip);
            tcp(f, ip, ip.tcp());
        }));
        cases.add(new Case("IPv6 hop-by-hop + destination options + fragment before UDP",
                SamplePackets.udp6WithExtensionHeaders(), (ip, f) -> {
                    Ipv6Packet v6 = (Ipv6Packet) ip;
                    ipv6(f, 0, v6);
                    // Each extension header names the next one: tshark's view of the chain is ours.
                    List<Integer> chain = new ArrayList<>(v6.extensionHeaders().subList(1, 3));
                    chain.add(v6.protocol());
                    assertThat(List.of(f.num("ipv6.hopopts.nxt", 0), f.num("ipv6.dstopts.nxt", 0), f.num("ipv6.fraghdr.nxt", 0)))
                            .containsExactly((long) chain.get(0), (long) chain.get(1), (long) chain.get(2));
                    assertThat(f.num("ipv6.fraghdr.offset", 0)).isZero();
                    assertThat(f.num("ipv6.fraghdr.more", 0)).isEqualTo(1);
                    assertThat(v6.udp().sourcePort()).isEqualTo(1234);
                }));
        return cases;
    }

    private static byte[] ipv4Udp(UdpBuilder udp) {
        return new Ipv4Builder().source(SamplePackets.SRC4).destination(SamplePackets.DST4).protocol(IpProtocol.UDP)
                .payload(udp.build(SamplePackets.SRC4, SamplePackets.DST4)).build();
    }

    private static byte[] tcpWithAllOptions() {
        List<TcpOption> options = List.of(new TcpOption.Mss(1460), new TcpOption.SackPermitted(),
                new TcpOption.Timestamps(123456789L, 987654321L), new TcpOption.NoOperation(), new TcpOption.NoOperation(),
                new TcpOption.Sack(List.of(new TcpOption.SackBlock(1000, 2000), new TcpOption.SackBlock(3000, 0xfffffff0L))),
                new TcpOption.WindowScale(7));
        byte[] tcp = new TcpBuilder().sourcePort(443).destinationPort(50000).sequenceNumber(0xfedcba98L)
                .acknowledgementNumber(0x01020304L).flags(TcpFlags.SYN | TcpFlags.ACK).window(29200).urgentPointer(0)
                .options(options).build(SamplePackets.DST4, SamplePackets.SRC4);
        return new Ipv4Builder().source(SamplePackets.DST4).destination(SamplePackets.SRC4).ttl(50).dontFragment(true)
                .protocol(IpProtocol.TCP).payload(tcp).build();
    }

    private static void timeExceeded4(IpPacket ip, Tshark.Frame f, IcmpV4Message icmp) throws MalformedPacketException {
        ipv4(f, 0, (Ipv4Packet) ip);
        icmpv4(f, icmp);
        IpPacket quoted = icmp.quotedPacket();
        ipv4(f, 1, (Ipv4Packet) quoted);
        udp(f, 0, quoted, quoted.udp());
        extensions(f, icmp.extensions().orElseThrow());
    }

    private static InetAddress addr(String literal) {
        return SamplePackets.addr(literal);
    }

    private static long status(boolean valid) {
        return valid ? GOOD : BAD;
    }

    private static void ipv4(Tshark.Frame f, int i, Ipv4Packet ip) {
        assertThat(addr(f.one("ip.src", i))).isEqualTo(ip.source());
        assertThat(addr(f.one("ip.dst", i))).isEqualTo(ip.destination());
        assertThat(f.num("ip.ttl", i)).isEqualTo(ip.ttl());
        assertThat(f.num("ip.id", i)).isEqualTo(ip.identification());
        assertThat(f.num("ip.len", i)).isEqualTo(ip.totalLength());
        assertThat(f.num("ip.hdr_len", i)).isEqualTo(ip.headerLength());
        assertThat(f.num("ip.dsfield", i)).isEqualTo(ip.trafficClass());
        assertThat(f.num("ip.flags.df", i)).isEqualTo(ip.dontFragment() ? 1 : 0);
        assertThat(f.num("ip.proto", i)).isEqualTo(ip.protocol());
        assertThat(f.num("ip.checksum", i)).isEqualTo(ip.headerChecksum());
        assertThat(f.num("ip.checksum.status", i)).isEqualTo(status(ip.headerChecksumValid()));
    }

    private static void ipv6(Tshark.Frame f, int i, Ipv6Packet ip) {
        assertThat(addr(f.one("ipv6.src", i))).isEqualTo(ip.source());
        assertThat(addr(f.one("ipv6.dst", i))).isEqualTo(ip.destination());
        assertThat(f.num("ipv6.hlim", i)).isEqualTo(ip.ttl());
        assertThat(f.num("ipv6.flow", i)).isEqualTo(ip.flowLabel());
        assertThat(f.num("ipv6.tclass", i)).isEqualTo(ip.trafficClass());
        assertThat(f.num("ipv6.plen", i)).isEqualTo(ip.payloadLength());
        assertThat(f.num("ipv6.nxt", i)).isEqualTo(ip.nextHeader());
    }

    private static void udp(Tshark.Frame f, int i, IpPacket ip, UdpDatagram udp) {
        assertThat(f.num("udp.srcport", i)).isEqualTo(udp.sourcePort());
        assertThat(f.num("udp.dstport", i)).isEqualTo(udp.destinationPort());
        assertThat(f.num("udp.length", i)).isEqualTo(udp.length());
        assertThat(f.num("udp.checksum", i)).isEqualTo(udp.checksum());
        long expected = udp.isTruncated() ? UNVERIFIED : status(udp.checksumValid(ip.source(), ip.destination()));
        assertThat(f.num("udp.checksum.status", i)).isEqualTo(expected);
    }

    private static void tcp(Tshark.Frame f, IpPacket ip, TcpSegment tcp) {
        assertThat(f.num("tcp.srcport", 0)).isEqualTo(tcp.sourcePort());
        assertThat(f.num("tcp.dstport", 0)).isEqualTo(tcp.destinationPort());
        assertThat(f.num("tcp.seq_raw", 0)).isEqualTo(tcp.sequenceNumber());
        assertThat(f.num("tcp.ack_raw", 0)).isEqualTo(tcp.acknowledgementNumber());
        assertThat(f.num("tcp.hdr_len", 0)).isEqualTo(tcp.headerLength());
        assertThat(f.num("tcp.flags", 0)).isEqualTo(tcp.flags());
        assertThat(f.num("tcp.flags.syn", 0)).isEqualTo(tcp.isSyn() ? 1 : 0);
        assertThat(f.num("tcp.flags.ack", 0)).isEqualTo(tcp.isAck() ? 1 : 0);
        assertThat(f.num("tcp.window_size_value", 0)).isEqualTo(tcp.window());
        assertThat(f.num("tcp.urgent_pointer", 0)).isEqualTo(tcp.urgentPointer());
        assertThat(f.num("tcp.checksum", 0)).isEqualTo(tcp.checksum());
        assertThat(f.num("tcp.checksum.status", 0)).isEqualTo(status(tcp.checksumValid(ip.source(), ip.destination())));
        List<Long> kinds = tcp.options().stream().map(o -> (long) o.kind()).toList();
        assertThat(f.nums("tcp.option_kind")).containsExactlyInAnyOrderElementsOf(kinds);
        List<Long> sackLeft = new ArrayList<>();
        List<Long> sackRight = new ArrayList<>();
        for (TcpOption o : tcp.options()) {
            if (o instanceof TcpOption.Mss m) {
                assertThat(f.num("tcp.options.mss_val", 0)).isEqualTo(m.value());
            } else if (o instanceof TcpOption.WindowScale w) {
                assertThat(f.num("tcp.options.wscale.shift", 0)).isEqualTo(w.shift());
            } else if (o instanceof TcpOption.Timestamps t) {
                assertThat(f.num("tcp.options.timestamp.tsval", 0)).isEqualTo(t.value());
                assertThat(f.num("tcp.options.timestamp.tsecr", 0)).isEqualTo(t.echoReply());
            } else if (o instanceof TcpOption.SackPermitted) {
                assertThat(f.all("tcp.options.sack_perm")).hasSize(1);
            } else if (o instanceof TcpOption.Sack s) {
                s.blocks().forEach(b -> {
                    sackLeft.add(b.left());
                    sackRight.add(b.right());
                });
            }
        }
        assertThat(f.nums("tcp.options.sack_le")).isEqualTo(sackLeft);
        assertThat(f.nums("tcp.options.sack_re")).isEqualTo(sackRight);
    }

    private static void icmpv4(Tshark.Frame f, IcmpV4Message icmp) {
        assertThat(f.num("icmp.type", 0)).isEqualTo(icmp.type());
        assertThat(f.num("icmp.code", 0)).isEqualTo(icmp.code());
        assertThat(f.num("icmp.checksum", 0)).isEqualTo(icmp.checksum());
        assertThat(f.num("icmp.checksum.status", 0)).isEqualTo(status(icmp.checksumValid()));
    }

    private static void icmpv6(Tshark.Frame f, IpPacket ip, IcmpV6Message icmp) {
        assertThat(f.num("icmpv6.type", 0)).isEqualTo(icmp.type());
        assertThat(f.num("icmpv6.code", 0)).isEqualTo(icmp.code());
        assertThat(f.num("icmpv6.checksum", 0)).isEqualTo(icmp.checksum());
        assertThat(f.num("icmpv6.checksum.status", 0)).isEqualTo(status(icmp.checksumValid(ip.source(), ip.destination())));
    }

    private static void extensions(Tshark.Frame f, IcmpExtensions ext) {
        assertThat(f.num("icmp.ext.version", 0)).isEqualTo(ext.version());
        assertThat(f.num("icmp.ext.checksum", 0)).isEqualTo(ext.checksum());
        assertThat(f.num("icmp.ext.checksum.status", 0)).isEqualTo(status(ext.checksumValid()));
        assertThat(f.nums("icmp.ext.class")).containsExactlyElementsOf(
                ext.objects().stream().map(o -> (long) o.classNum()).toList());
        assertThat(f.nums("icmp.ext.ctype")).containsExactlyElementsOf(
                ext.objects().stream().map(o -> (long) o.cType()).toList());
        MplsLabelStack stack = (MplsLabelStack) ext.objects().get(0);
        assertThat(f.nums("icmp.mpls.label")).containsExactlyElementsOf(stack.entries().stream().map(l -> (long) l.label()).toList());
        assertThat(f.nums("icmp.mpls.exp")).containsExactlyElementsOf(stack.entries().stream().map(l -> (long) l.trafficClass()).toList());
        assertThat(f.nums("icmp.mpls.s")).containsExactlyElementsOf(stack.entries().stream().map(l -> l.bottomOfStack() ? 1L : 0L).toList());
        assertThat(f.nums("icmp.mpls.ttl")).containsExactlyElementsOf(stack.entries().stream().map(l -> (long) l.ttl()).toList());
        InterfaceInformation info = (InterfaceInformation) ext.objects().get(1);
        assertThat(f.num("icmp.int_info.role", 0)).isEqualTo(info.role());
        assertThat(f.num("icmp.int_info.index", 0)).isEqualTo(info.ifIndex().getAsInt());
        assertThat(addr(f.one("icmp.int_info.ipv4", 0))).isEqualTo(info.address().orElseThrow());
        assertThat(f.one("icmp.int_info.name", 0)).isEqualTo(info.name().orElseThrow());
        assertThat(f.num("icmp.int_info.mtu", 0)).isEqualTo(info.mtu().getAsInt());
    }
}
