package org.hopscope.engine.transport.datagram;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A datagram socket bound to one probe source (address and port; for ICMP the port is the echo
 * identifier), with the probes it sent that may still be answered and the header values last set on
 * it, so a TTL or TOS is only set when it changes.
 */
final class ProbeSocket implements AutoCloseable {
    final NativeSocket socket;
    final boolean icmp;
    final InetAddress localAddress;
    /** The port the socket is bound to: the UDP source port, or the ICMP identifier the kernel writes. */
    final int localPort;
    final boolean txTimestamps;
    /** Probes in send order. */
    final ArrayDeque<SentProbe> inFlight = new ArrayDeque<>();
    /** Probes whose transmit timestamp has not come yet, in send order. */
    final ArrayDeque<SentProbe> awaitingTxStamp = new ArrayDeque<>();
    private int ttl = -1;
    private int tos = -1;
    private int pmtu = -1;

    ProbeSocket(NativeSocket socket, boolean icmp, InetAddress localAddress, int localPort, boolean txTimestamps) {
        this.socket = socket;
        this.icmp = icmp;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.txTimestamps = txTimestamps;
    }

    /** Sets TTL/hop limit, TOS/traffic class and the DF policy for the next send, when they changed. */
    void prepare(int newTtl, int newTos, boolean dontFragment) throws NativeException {
        boolean v6 = socket.v6();
        if (newTtl != ttl) {
            socket.setInt(v6 ? Linux.IPPROTO_IPV6 : Linux.IPPROTO_IP, v6 ? Linux.IPV6_UNICAST_HOPS : Linux.IP_TTL, newTtl);
            ttl = newTtl;
        }
        if (newTos != tos) {
            socket.setInt(v6 ? Linux.IPPROTO_IPV6 : Linux.IPPROTO_IP, v6 ? Linux.IPV6_TCLASS : Linux.IP_TOS, newTos);
            tos = newTos;
        }
        // IPv4 only: PROBE sets DF without learning from path MTU; DONT clears it (IPv6 has no DF bit).
        int wanted = dontFragment ? Linux.IP_PMTUDISC_PROBE : Linux.IP_PMTUDISC_DONT;
        if (!v6 && wanted != pmtu) {
            socket.setInt(Linux.IPPROTO_IP, Linux.IP_MTU_DISCOVER, wanted);
            pmtu = wanted;
        }
    }

    /** Forgets probes whose time is up; returns how many remain. */
    int expire(long now) {
        for (Iterator<SentProbe> it = inFlight.iterator(); it.hasNext(); ) {
            if (it.next().expiresNanos <= now) {
                it.remove();
            }
        }
        return inFlight.size();
    }

    /**
     * The probe an ICMP error read from this socket's error queue is about. Ping sockets: the quoted
     * echo sequence number names it. UDP sockets: the kernel gives the quoted destination (address,
     * port) and the quoted payload; among this socket's probes to that destination, those whose payload
     * starts like the quote qualify (Paris probes differ from their first payload word on), and the
     * earliest sent not yet answered wins, so a router that quoted no payload at all gets the probes
     * in send order.
     */
    SentProbe attributeError(ReceivedMessage m, int quotedPayloadFrom, int quotedPayloadLen) {
        if (icmp) {
            if (m.data().length < 8) {
                return null;
            }
            int seq = ((m.data()[6] & 0xff) << 8) | (m.data()[7] & 0xff);
            return bySequence(seq, m.peer());
        }
        SentProbe first = null;
        for (SentProbe p : inFlight) {
            if (p.destination.equals(m.peer()) && p.destinationPort == m.peerPort()
                    && p.payloadStartsLike(m.data(), quotedPayloadFrom, quotedPayloadLen)) {
                if (!p.answered) {
                    return p;
                }
                if (first == null) {
                    first = p;
                }
            }
        }
        return first;
    }

    /** The probe an echo reply (normal data on a ping socket) answers: by sequence number and sender. */
    SentProbe attributeEcho(ReceivedMessage m) {
        if (!icmp || m.data().length < 8) {
            return null;
        }
        int seq = ((m.data()[6] & 0xff) << 8) | (m.data()[7] & 0xff);
        return bySequence(seq, m.peer());
    }

    private SentProbe bySequence(int seq, InetAddress destination) {
        SentProbe found = null;
        for (SentProbe p : inFlight) {
            if (p.sequence == seq && p.destination.equals(destination)) {
                found = p; // the latest: a 16-bit sequence may have wrapped onto an old probe
            }
        }
        return found;
    }

    @Override
    public void close() {
        socket.close();
    }
}
