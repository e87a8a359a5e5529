package org.hopscope.engine.insession;

import java.util.OptionalInt;
import org.hopscope.engine.packet.TcpOption;
import org.hopscope.engine.packet.TcpSegment;

/**
 * What the SYN-ACK of the kernel's connection tells the probes (RFC 9293 §3.5, §3.10.7.3): the
 * sequence number the destination expects next from us ({@code ourNext}: the SYN-ACK's
 * acknowledgement number, the kernel's SND.NXT, since the kernel sends no data), the one we
 * acknowledge ({@code peerNext} = its ISN + 1), and whether SACK (RFC 2018 §2) and timestamps
 * (RFC 7323 §3.2) were negotiated.
 *
 * @param peerTsVal the destination's TSval, echoed as our TSecr (RFC 7323 §4.3), or -1
 * @param ourTsVal the kernel's TSval the destination echoed (our clock), or -1
 */
public record Handshake(long ourNext, long peerNext, boolean sackPermitted, long peerTsVal, long ourTsVal,
        OptionalInt mss) {

    /** Reads a SYN-ACK; {@link IllegalArgumentException} if the segment is not one. */
    public static Handshake fromSynAck(TcpSegment synAck) {
        if (!synAck.isSyn() || !synAck.isAck()) {
            throw new IllegalArgumentException("not a SYN-ACK: " + synAck);
        }
        boolean sack = false;
        long tsVal = -1;
        long tsEcr = -1;
        OptionalInt mss = OptionalInt.empty();
        for (TcpOption o : synAck.options()) {
            if (o instanceof TcpOption.SackPermitted) {
                sack = true;
            } else if (o instanceof TcpOption.Timestamps t) {
                tsVal = t.value();
                tsEcr = t.echoReply();
            } else if (o instanceof TcpOption.Mss m) {
                mss = OptionalInt.of(m.value());
            }
        }
        return new Handshake(synAck.acknowledgementNumber(), (synAck.sequenceNumber() + 1) & 0xffffffffL, sack, tsVal,
                tsEcr, mss);
    }

    public boolean timestamps() {
        return peerTsVal >= 0;
    }

    /** After a later segment of the destination: its newest TSval/TSecr (RFC 7323 §4.3: echo the latest). */
    public Handshake seen(TcpSegment segment) {
        for (TcpOption o : segment.options()) {
            if (o instanceof TcpOption.Timestamps t && timestamps()) {
                return new Handshake(ourNext, peerNext, sackPermitted, t.value(), Math.max(ourTsVal, t.echoReply()), mss);
            }
        }
        return this;
    }
}
