package org.hopscope.engine.insession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.Ipv4Packet;
import org.hopscope.engine.packet.TcpBuilder;
import org.hopscope.engine.packet.TcpFlags;
import org.hopscope.engine.packet.TcpOption;
import org.hopscope.engine.packet.TcpSegment;
import org.junit.jupiter.api.Test;

/** The pure parts: what a SYN-ACK teaches, how probes are numbered and built, what SACK blocks cover. */
class InSessionPacketsTest {
    private static final InetAddress SRC = addr("198.18.40.1");
    private static final InetAddress DST = addr("198.18.43.2");
    private static final InetAddress SRC6 = addr("2001:db8:40::1");
    private static final InetAddress DST6 = addr("2001:db8:43::2");

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TcpSegment segment(int flags, long seq, long ack, List<TcpOption> options) throws Exception {
        byte[] b = new TcpBuilder().sourcePort(80).destinationPort(40000).sequenceNumber(seq).acknowledgementNumber(ack)
                .flags(flags).window(65535).options(options).build(DST, SRC);
        return TcpSegment.parse(b);
    }

    @Test
    void synAckGivesNumbersAndOptions() throws Exception {
        TcpSegment synAck = segment(TcpFlags.SYN | TcpFlags.ACK, 0xffffffffL, 1001,
                List.of(new TcpOption.Mss(1460), new TcpOption.SackPermitted(), new TcpOption.Timestamps(777, 555)));
        Handshake h = Handshake.fromSynAck(synAck);
        assertThat(h.ourNext()).isEqualTo(1001);
        assertThat(h.peerNext()).isEqualTo(0); // ISN + 1 wraps modulo 2^32
        assertThat(h.sackPermitted()).isTrue();
        assertThat(h.timestamps()).isTrue();
        assertThat(h.peerTsVal()).isEqualTo(777);
        assertThat(h.ourTsVal()).isEqualTo(555);
        assertThat(h.mss().getAsInt()).isEqualTo(1460);

        Handshake later = h.seen(segment(TcpFlags.ACK, 0, 1001, List.of(new TcpOption.Timestamps(790, 560))));
        assertThat(later.peerTsVal()).isEqualTo(790);
        assertThat(later.ourTsVal()).isEqualTo(560);
    }

    @Test
    void synAckWithoutSackOrTimestamps() throws Exception {
        Handshake h = Handshake.fromSynAck(segment(TcpFlags.SYN | TcpFlags.ACK, 5, 6, List.of(new TcpOption.Mss(1460))));
        assertThat(h.sackPermitted()).isFalse();
        assertThat(h.timestamps()).isFalse();
        assertThatThrownBy(() -> Handshake.fromSynAck(segment(TcpFlags.ACK, 5, 6, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void probesLeaveAOneByteGapAndCarryTimestamps() throws Exception {
        Handshake h = new Handshake(1000, 5000, true, 777, 555, java.util.OptionalInt.empty());
        ProbeSegments p = new ProbeSegments(SRC, 40000, DST, 80, h);
        assertThat(p.sequence(0)).isEqualTo(1001); // byte 1000 is never sent
        assertThat(p.sequence(4)).isEqualTo(1005);
        Ipv4Packet ip = (Ipv4Packet) IpPacket.parse(p.build(4, 7, h));
        assertThat(ip.ttl()).isEqualTo(7);
        assertThat(ip.dontFragment()).isTrue();
        assertThat(ip.source()).isEqualTo(SRC);
        TcpSegment t = ip.tcp();
        assertThat(t.flags()).isEqualTo(TcpFlags.PSH | TcpFlags.ACK);
        assertThat(t.sequenceNumber()).isEqualTo(1005);
        assertThat(t.acknowledgementNumber()).isEqualTo(5000);
        assertThat(t.payload()).hasSize(1);
        assertThat(t.checksumValid(SRC, DST)).isTrue();
        assertThat(t.options()).contains(new TcpOption.Timestamps(555 + 1 + 4, 777));
        assertThat(ip.bytes()).hasSize(20 + 20 + 12 + 1);
    }

    @Test
    void withoutTimestampsNoOptionsAndIpv6() throws Exception {
        Handshake h = new Handshake(0xffffffffL, 1, true, -1, -1, java.util.OptionalInt.empty());
        ProbeSegments p = new ProbeSegments(SRC6, 40000, DST6, 443, h);
        assertThat(p.sequence(0)).isEqualTo(0); // wraps modulo 2^32
        IpPacket ip = IpPacket.parse(p.build(0, 3, h));
        assertThat(ip.version()).isEqualTo(6);
        assertThat(ip.ttl()).isEqualTo(3);
        TcpSegment t = ip.tcp();
        assertThat(t.options()).isEmpty();
        assertThat(t.destinationPort()).isEqualTo(443);
        assertThat(t.checksumValid(SRC6, DST6)).isTrue();
    }

    @Test
    void sackBlocksCoverHalfOpenRangesModulo32Bits() throws Exception {
        TcpSegment ack = segment(TcpFlags.ACK, 1, 1000, List.of(new TcpOption.Sack(List.of(
                new TcpOption.SackBlock(1003, 1005), new TcpOption.SackBlock(0xfffffffeL, 2)))));
        SackBlocks s = SackBlocks.of(ack);
        assertThat(s.isEmpty()).isFalse();
        assertThat(s.covers(1002)).isFalse();
        assertThat(s.covers(1003)).isTrue();
        assertThat(s.covers(1004)).isTrue();
        assertThat(s.covers(1005)).isFalse(); // right edge is exclusive (RFC 2018 §3)
        assertThat(s.covers(0xffffffffL)).isTrue();
        assertThat(s.covers(1)).isTrue();
        assertThat(s.covers(2)).isFalse();
        assertThat(SackBlocks.of(segment(TcpFlags.ACK, 1, 1000, List.of())).isEmpty()).isTrue();
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> new InSessionSettings(DST, 0, 30, 3, 1, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1))).hasMessageContaining("port");
        assertThatThrownBy(() -> new InSessionSettings(DST, 80, 30, 3, 0, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1))).hasMessageContaining("connections");
        assertThat(InSessionSettings.defaults(DST).port()).isEqualTo(80);
    }
}
