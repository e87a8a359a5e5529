package org.hopscope.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hopscope.engine.probe.ProbeFixtures.*;

import java.util.Optional;
import org.hopscope.engine.packet.IcmpV4Builder;
import org.hopscope.engine.packet.IcmpV4Type;
import org.hopscope.engine.packet.IcmpV6Builder;
import org.hopscope.engine.packet.IcmpV6Type;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Builder;
import org.hopscope.engine.packet.Ipv6Builder;
import org.hopscope.engine.packet.TcpBuilder;
import org.hopscope.engine.packet.TcpSegment;
import org.hopscope.engine.trace.ReplyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of reply maps back to its probe through the quote; everything else is dropped. */
class ReplyMatcherTest {

    @ParameterizedTest
    @CsvSource({"UDP,PARIS,false", "ICMP,PARIS,false", "TCP,PARIS,false", "UDP,CLASSIC,false",
            "ICMP,CLASSIC,false", "TCP,CLASSIC,false", "UDP,PARIS,true", "ICMP,PARIS,true", "TCP,PARIS,true"})
    void timeExceededFindsTheProbeByItsKey(ProbeProtocol proto, ProbeMethod method, boolean v6) {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(proto, method));
        CraftedProbe probe = s.craft(spec(v6 ? SRC6 : SRC4, v6 ? DST6 : DST4, 4, 1, 777, 12));
        ReplyMatcher m = new ReplyMatcher(s, v6 ? DST6 : DST4);
        Optional<DecodedReply> d = m.decode(timeExceeded(v6 ? ROUTER6 : ROUTER4, probe.packet(), v6));
        assertThat(d).isPresent();
        assertThat(d.get().keys()).first().isEqualTo(probe.key());
        assertThat(d.get().kind()).isEqualTo(ReplyKind.TIME_EXCEEDED);
        assertThat(d.get().from()).isEqualTo(v6 ? ROUTER6 : ROUTER4);
        assertThat(d.get().quotedTtl()).isEqualTo(4);
        assertThat(d.get().fromDestination()).isFalse();
        assertThat(d.get().consistentWith(probe.fields())).isTrue();
        assertThat(d.get().replyTtl()).isEqualTo(v6 ? 62 : 253);
    }

    @Test
    void portUnreachableFromTheTargetIsTheDestinationsAnswer() {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(ProbeProtocol.UDP, ProbeMethod.PARIS));
        CraftedProbe probe = s.craft(spec(SRC4, DST4, 9, 0, 55, 0));
        DecodedReply d = new ReplyMatcher(s, DST4).decode(icmpError(DST4, probe.packet(), false,
                IcmpV4Type.DEST_UNREACHABLE, 3)).orElseThrow();
        assertThat(d.fromDestination()).isTrue();
        assertThat(d.kind()).isEqualTo(ReplyKind.DEST_UNREACHABLE);
        assertThat(d.toReply(2_000, 1_000).unreachableMark()).isEmpty();
        assertThat(d.toReply(2_000, 1_000).rttNanos()).isEqualTo(1_000);
    }

    @Test
    void hostUnreachableFromARouterIsTerminalWithItsMark() {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(ProbeProtocol.UDP, ProbeMethod.PARIS));
        CraftedProbe probe = s.craft(spec(SRC4, DST4, 9, 0, 55, 0));
        DecodedReply d = new ReplyMatcher(s, DST4).decode(icmpError(ROUTER4, probe.packet(), false,
                IcmpV4Type.DEST_UNREACHABLE, 1)).orElseThrow();
        assertThat(d.fromDestination()).isFalse();
        assertThat(d.toReply(2, 1).unreachableMark()).isEqualTo("!H");
        assertThat(d.toReply(2, 1).terminal()).isTrue();
    }

    @Test
    void aNatThatRewroteTheChecksumStillMatchesThroughTheIpId() throws Exception {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(ProbeProtocol.UDP, ProbeMethod.PARIS));
        CraftedProbe probe = s.craft(spec(SRC4, DST4, 6, 0, 0x0A0B, 0));
        // As a NAT would: new source address and port, checksum recomputed; IP ID untouched.
        IpPacket orig = IpPacket.parse(probe.packet());
        byte[] udp = new org.hopscope.engine.packet.UdpBuilder().sourcePort(40000).destinationPort(
                orig.udp().destinationPort()).payload(orig.udp().payload()).build(addr("198.18.50.1"), DST4);
        byte[] natted = new Ipv4Builder().source(addr("198.18.50.1")).destination(DST4).ttl(1)
                .identification(0x0A0B).protocol(IpProtocol.UDP).payload(udp).build();
        DecodedReply d = new ReplyMatcher(s, DST4).decode(timeExceeded(ROUTER4, natted, false)).orElseThrow();
        assertThat(d.keys()).containsExactly(IpPacket.parse(natted).udp().checksum(), 0x0A0B);
        assertThat(d.keys().get(1)).isEqualTo(probe.key());
        assertThat(d.quotedSource()).isEqualTo(addr("198.18.50.1"));
        assertThat(d.quotedChecksum()).isNotEqualTo(probe.fields().checksum());
    }

    @Test
    void echoReplyFromTheTargetMatchesBySequence() {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(ProbeProtocol.ICMP, ProbeMethod.PARIS));
        CraftedProbe probe = s.craft(spec(SRC4, DST4, 12, 0, 321, 0));
        byte[] echo = new IcmpV4Builder().type(IcmpV4Type.ECHO_REPLY).code(0)
                .identifier(probe.fields().sourcePort()).sequence(321).payload(new byte[8]).build();
        byte[] reply = new Ipv4Builder().source(DST4).destination(SRC4).ttl(60).protocol(IpProtocol.ICMP)
                .payload(echo).build();
        DecodedReply d = new ReplyMatcher(s, DST4).decode(reply).orElseThrow();
        assertThat(d.kind()).isEqualTo(ReplyKind.ECHO_REPLY);
        assertThat(d.keys()).containsExactly(321);
        assertThat(d.fromDestination()).isTrue();

        byte[] echo6 = new IcmpV6Builder().type(IcmpV6Type.ECHO_REPLY).code(0)
                .identifier(probe.fields().sourcePort()).sequence(321).payload(new byte[8]).build(DST6, SRC6);
        byte[] reply6 = new Ipv6Builder().source(DST6).destination(SRC6).hopLimit(60)
                .nextHeader(IpProtocol.ICMPV6).payload(echo6).build();
        assertThat(new ReplyMatcher(s, DST6).decode(reply6).orElseThrow().keys()).containsExactly(321);
    }

    @Test
    void someoneElsesEchoReplyIsNotOurs() {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(ProbeProtocol.ICMP, ProbeMethod.PARIS));
        byte[] echo = new IcmpV4Builder().type(IcmpV4Type.ECHO_REPLY).code(0).identifier(4711).sequence(1)
                .payload(new byte[8]).build();
        byte[] reply = new Ipv4Builder().source(DST4).destination(SRC4).ttl(60).protocol(IpProtocol.ICMP)
                .payload(echo).build();
        assertThat(new ReplyMatcher(s, DST4).decode(reply)).isEmpty();
    }

    @Test
    void synAckAndRstMatchThroughTheAcknowledgementNumber() throws Exception {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(ProbeProtocol.TCP, ProbeMethod.PARIS));
        CraftedProbe probe = s.craft(spec(SRC4, DST4, 12, 0, 999, 0));
        TcpSegment syn = IpPacket.parse(probe.packet()).tcp();
        for (int flags : new int[] {0x12, 0x14}) {
            byte[] seg = new TcpBuilder().sourcePort(80).destinationPort(syn.sourcePort()).sequenceNumber(5)
                    .acknowledgementNumber((syn.sequenceNumber() + 1) & 0xFFFFFFFFL).flags(flags).window(100)
                    .build(DST4, SRC4);
            byte[] pkt = new Ipv4Builder().source(DST4).destination(SRC4).ttl(64).protocol(IpProtocol.TCP)
                    .payload(seg).build();
            DecodedReply d = new ReplyMatcher(s, DST4).decode(pkt).orElseThrow();
            assertThat(d.keys()).containsExactly(999);
            assertThat(d.kind()).isEqualTo(flags == 0x12 ? ReplyKind.TCP_SYN_ACK : ReplyKind.TCP_RST);
        }
    }

    @Test
    void quotesOfPacketsToAnotherTargetAndGarbageAreDropped() {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(ProbeProtocol.UDP, ProbeMethod.PARIS));
        CraftedProbe other = s.craft(spec(SRC4, addr("198.18.77.7"), 3, 0, 1, 0));
        ReplyMatcher m = new ReplyMatcher(s, DST4);
        assertThat(m.decode(timeExceeded(ROUTER4, other.packet(), false))).isEmpty();
        assertThat(m.decode(new byte[] {0x45, 0, 0})).isEmpty();
        assertThat(m.decode(new byte[0])).isEmpty();
        // A quote of a TCP probe handed to the UDP matcher is not ours either.
        CraftedProbe tcp = ProbeStrategies.forSettings(settings(ProbeProtocol.TCP, ProbeMethod.PARIS))
                .craft(spec(SRC4, DST4, 3, 0, 1, 0));
        assertThat(m.decode(timeExceeded(ROUTER4, tcp.packet(), false))).isEmpty();
    }

    @Test
    void aQuoteWithAnotherDestinationPortIsInconsistentWithTheProbe() {
        ProbeStrategy s = ProbeStrategies.forSettings(settings(ProbeProtocol.UDP, ProbeMethod.PARIS));
        CraftedProbe probe = s.craft(spec(SRC4, DST4, 3, 0, 10, 0));
        ProbeStrategy otherPort = ProbeStrategies.forSettings(
                org.hopscope.engine.trace.TraceSettings.builder("x").destinationPort(40000).build());
        CraftedProbe lookalike = otherPort.craft(spec(SRC4, DST4, 3, 0, 10, 0));
        DecodedReply d = new ReplyMatcher(s, DST4).decode(timeExceeded(ROUTER4, lookalike.packet(), false))
                .orElseThrow();
        assertThat(d.keys()).contains(probe.key());
        assertThat(d.consistentWith(probe.fields())).isFalse();
    }
}
