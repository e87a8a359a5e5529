package org.hopscope.engine.sim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hopscope.engine.packet.IcmpV4Builder;
import org.hopscope.engine.packet.IcmpV4Type;
import org.hopscope.engine.packet.IcmpV6Builder;
import org.hopscope.engine.packet.IcmpV6Type;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Builder;
import org.hopscope.engine.packet.Ipv6Builder;
import org.hopscope.engine.packet.MalformedPacketException;
import org.hopscope.engine.packet.TcpBuilder;
import org.hopscope.engine.packet.TcpFlags;
import org.hopscope.engine.packet.UdpBuilder;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;

/** Probes crafted by hand with the packet builders, and a way to collect what the network answers. */
final class SimTestSupport {
    static final InetAddress ME4 = ip("198.18.0.2");
    static final InetAddress ME6 = ip("2001:db8::2");

    private SimTestSupport() {
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Topology topo(String text) {
        try {
            return Topology.parse(text, "test.topo");
        } catch (TopologyException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static byte[] ipPacket(InetAddress src, InetAddress dst, int ttl, int tos, int id, int protocol, byte[] l4) {
        if (dst.getAddress().length == 16) {
            return new Ipv6Builder().source(src).destination(dst).hopLimit(ttl).trafficClass(tos).nextHeader(protocol)
                    .payload(l4).build();
        }
        return new Ipv4Builder().source(src).destination(dst).ttl(ttl).tos(tos).identification(id)
                .protocol(protocol).payload(l4).build();
    }

    static byte[] udp(InetAddress dst, int ttl, int sport, int dport) {
        return udp(dst, ttl, sport, dport, 0, 12);
    }

    static byte[] udp(InetAddress dst, int ttl, int sport, int dport, int tos, int payloadLength) {
        InetAddress src = dst.getAddress().length == 16 ? ME6 : ME4;
        byte[] payload = new byte[payloadLength];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (0x40 + i);
        }
        byte[] seg = new UdpBuilder().sourcePort(sport).destinationPort(dport).payload(payload).build(src, dst);
        return ipPacket(src, dst, ttl, tos, 0x1234, IpProtocol.UDP, seg);
    }

    static byte[] echo(InetAddress dst, int ttl, int identifier, int sequence) {
        boolean v6 = dst.getAddress().length == 16;
        InetAddress src = v6 ? ME6 : ME4;
        byte[] data = new byte[16];
        byte[] msg = v6
                ? new IcmpV6Builder().type(IcmpV6Type.ECHO_REQUEST).identifier(identifier).sequence(sequence)
                        .payload(data).build(src, dst)
                : new IcmpV4Builder().type(IcmpV4Type.ECHO_REQUEST).identifier(identifier).sequence(sequence)
                        .payload(data).build();
        return ipPacket(src, dst, ttl, 0, sequence, v6 ? IpProtocol.ICMPV6 : IpProtocol.ICMP, msg);
    }

    static byte[] syn(InetAddress dst, int ttl, int sport, int dport, long seq) {
        InetAddress src = dst.getAddress().length == 16 ? ME6 : ME4;
        byte[] seg = new TcpBuilder().sourcePort(sport).destinationPort(dport).sequenceNumber(seq)
                .flags(TcpFlags.SYN).window(1024).build(src, dst);
        return ipPacket(src, dst, ttl, 0, 7, IpProtocol.TCP, seg);
    }

    static IpPacket parse(byte[] packet) {
        try {
            return IpPacket.parse(packet);
        } catch (MalformedPacketException e) {
            throw new AssertionError(e);
        }
    }

    /** Sends one probe on a virtual network and returns every packet it brings back, in arrival order. */
    static List<TransportEvent.Received> exchange(SimulatedTransport t, byte[] probe) {
        try {
            t.send(1, probe, 5_000_000_000L);
            List<TransportEvent.Received> out = new ArrayList<>();
            long deadline = t.nanoTime() + 10_000_000_000L;
            while (t.pendingEvents() > 0 && t.nanoTime() < deadline) {
                for (TransportEvent e : t.poll(deadline)) {
                    if (e instanceof TransportEvent.Received r) {
                        out.add(r);
                    } else if (e instanceof TransportEvent.SendFailed f) {
                        throw new AssertionError("send failed: " + f);
                    }
                }
            }
            return out;
        } catch (TransportException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The single answer to {@code probe}, parsed. */
    static IpPacket answer(SimulatedTransport t, byte[] probe) {
        List<TransportEvent.Received> r = exchange(t, probe);
        if (r.size() != 1) {
            throw new AssertionError("expected one answer, got " + r.size());
        }
        return parse(r.get(0).ipPacket());
    }

    /** A transport that remembers every packet sent through it, by token. */
    static final class Recording implements ProbeTransport {
        final ProbeTransport inner;
        final Map<Long, byte[]> sent = new HashMap<>();

        Recording(ProbeTransport inner) {
            this.inner = inner;
        }

        @Override public TransportInfo info() {
            return inner.info();
        }

        @Override public InetAddress sourceAddressFor(InetAddress destination) throws TransportException {
            return inner.sourceAddressFor(destination);
        }

        @Override public long nanoTime() {
            return inner.nanoTime();
        }

        @Override public void send(long token, byte[] ipPacket, long timeoutNanos) throws TransportException {
            sent.put(token, ipPacket.clone());
            inner.send(token, ipPacket, timeoutNanos);
        }

        @Override public List<TransportEvent> poll(long deadlineNanos) throws TransportException, InterruptedException {
            return inner.poll(deadlineNanos);
        }

        @Override public void close() {
            inner.close();
        }
    }
}
