package org.hopscope.engine.insession;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Builder;
import org.hopscope.engine.packet.Ipv6Builder;
import org.hopscope.engine.packet.TcpBuilder;
import org.hopscope.engine.packet.TcpFlags;
import org.hopscope.engine.packet.TcpOption;

/**
 * Builds the probes of one connection: PSH+ACK segments of one byte, {@code ack} = the destination's
 * next sequence number, with the timestamps option when it was negotiated (RFC 7323 §3.2: once
 * negotiated, every segment must carry it, or the receiver may drop it). The k-th probe carries
 * sequence number {@code ourNext + 1 + k}: byte {@code ourNext} is never sent, so the destination
 * keeps every probe in its out-of-order queue and answers each with a duplicate ACK whose SACK
 * blocks name it (RFC 2018 §4, RFC 5681 §4.2 "an immediate ACK SHOULD be sent when an out-of-order
 * segment arrives"), while its application receives nothing.
 */
public final class ProbeSegments {
    /** Window we advertise: any value works (the server sends nothing); 4 x 1500 as Catchpoint does. */
    static final int WINDOW = 6000;

    private final InetAddress source;
    private final InetAddress target;
    private final int sourcePort;
    private final int targetPort;
    private final Handshake handshake;

    public ProbeSegments(InetAddress source, int sourcePort, InetAddress target, int targetPort, Handshake handshake) {
        this.source = source;
        this.target = target;
        this.sourcePort = sourcePort;
        this.targetPort = targetPort;
        this.handshake = handshake;
    }

    /** The sequence number of probe {@code k} (0-based) of this connection. */
    public long sequence(int k) {
        return (handshake.ourNext() + 1 + k) & 0xffffffffL;
    }

    /**
     * The whole IP packet of probe {@code k} at {@code ttl}. {@code latest} carries the newest
     * timestamps seen; TSval = our clock as last echoed + 1 + k, so it never goes backwards (RFC 7323
     * §5.3, PAWS) and never updates the destination's TS.Recent (out-of-order segments do not, §4.3).
     */
    public byte[] build(int k, int ttl, Handshake latest) {
        TcpBuilder tcp = new TcpBuilder().sourcePort(sourcePort).destinationPort(targetPort)
                .sequenceNumber(sequence(k)).acknowledgementNumber(latest.peerNext())
                .flags(TcpFlags.PSH | TcpFlags.ACK).window(WINDOW).payload(new byte[] {(byte) ttl});
        if (latest.timestamps()) {
            long tsVal = (latest.ourTsVal() + 1 + k) & 0xffffffffL;
            tcp.options(List.of(new TcpOption.NoOperation(), new TcpOption.NoOperation(),
                    new TcpOption.Timestamps(tsVal, latest.peerTsVal())));
        }
        byte[] segment = tcp.build(source, target);
        if (source instanceof Inet4Address) {
            // A distinct IP ID per probe also lets the helper's NAT allowance match rewritten quotes.
            return new Ipv4Builder().source(source).destination(target).ttl(ttl).identification(0x4000 | (k & 0x3fff))
                    .dontFragment(true).protocol(IpProtocol.TCP).payload(segment).build();
        }
        return new Ipv6Builder().source(source).destination(target).hopLimit(ttl).nextHeader(IpProtocol.TCP)
                .payload(segment).build();
    }
}
