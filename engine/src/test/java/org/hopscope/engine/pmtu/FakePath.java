package org.hopscope.engine.pmtu;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Set;
import org.hopscope.engine.packet.IcmpExtensionObject;
import org.hopscope.engine.packet.IcmpExtensionsBuilder;
import org.hopscope.engine.packet.IcmpV4Builder;
import org.hopscope.engine.packet.IcmpV6Builder;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Builder;
import org.hopscope.engine.packet.Ipv4Packet;
import org.hopscope.engine.packet.Ipv6Builder;
import org.hopscope.engine.packet.MalformedPacketException;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;

/**
 * A single-path network in memory, in real time, for tests: source → routers → destination, each
 * link with an MTU, each router with a behaviour for too-big DF packets. Answers UDP and ICMP echo
 * probes as Linux would: TTL checked before MTU; time exceeded, fragmentation needed / packet too
 * big, port unreachable or echo reply, quoting the probe. Not a mock of anything under test: the
 * engine crafts and decodes real packets against it.
 */
public final class FakePath implements ProbeTransport {
    /** What a router does with a DF packet too big for its next link. */
    public enum TooBig { REPORT_MTU, REPORT_ZERO, DROP_SILENTLY }

    /** One router: its address, the MTU of its outgoing link, and its habits. */
    public record Router(InetAddress address, int mtuAfter, TooBig tooBig, boolean silent, OptionalInt rfc5837Mtu) {
        public static Router of(String address, int mtuAfter) {
            return new Router(addr(address), mtuAfter, TooBig.REPORT_MTU, false, OptionalInt.empty());
        }

        public Router tooBig(TooBig t) {
            return new Router(address, mtuAfter, t, silent, rfc5837Mtu);
        }

        public Router quiet() {
            return new Router(address, mtuAfter, tooBig, true, rfc5837Mtu);
        }

        public Router reportingIncomingMtu(int mtu) {
            return new Router(address, mtuAfter, tooBig, silent, OptionalInt.of(mtu));
        }
    }

    private record Pending(long dueNanos, TransportEvent event) {
    }

    private final InetAddress source;
    private final int sourceMtu;
    private final List<Router> routers;
    private final InetAddress destination;
    private final long hopDelayNanos;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private final List<Integer> sentSizes = new ArrayList<>();
    private volatile boolean closed;

    public FakePath(String source, int sourceMtu, List<Router> routers, String destination, long hopDelayNanos) {
        this.source = addr(source);
        this.sourceMtu = sourceMtu;
        this.routers = List.copyOf(routers);
        this.destination = addr(destination);
        this.hopDelayNanos = hopDelayNanos;
    }

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public InetAddress destination() {
        return destination;
    }

    /** Sizes of every probe handed to this transport, in order. */
    public synchronized List<Integer> sentSizes() {
        return List.copyOf(sentSizes);
    }

    @Override
    public TransportInfo info() {
        return new TransportInfo(TransportInfo.Kind.SIMULATED, "fake-path", Set.of(ProbeProtocol.UDP, ProbeProtocol.ICMP),
                true, true, List.of());
    }

    @Override
    public InetAddress sourceAddressFor(InetAddress d) {
        return source;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public synchronized void send(long token, byte[] packet, long timeoutNanos) throws TransportException {
        if (closed) {
            throw new TransportException(TransportError.TRANSPORT_FAILED, "closed");
        }
        long now = System.nanoTime();
        sentSizes.add(packet.length);
        IpPacket ip;
        try {
            ip = IpPacket.parse(packet);
        } catch (MalformedPacketException e) {
            queue.add(new Pending(now, new TransportEvent.SendFailed(token, TransportError.INVALID_REQUEST, e.getMessage())));
            return;
        }
        boolean v6 = ip.version() == 6;
        boolean df = v6 || ((Ipv4Packet) ip).dontFragment();
        if (packet.length > sourceMtu && df) {
            queue.add(new Pending(now, new TransportEvent.SendFailed(token, TransportError.SEND_FAILED,
                    "Message too long")));
            return;
        }
        queue.add(new Pending(now, new TransportEvent.Sent(token, now)));
        int ttl = ip.ttl();
        for (int j = 1; j <= routers.size() + 1; j++) {
            long due = now + 2L * j * hopDelayNanos;
            if (j == routers.size() + 1) {
                byte[] answer = destinationAnswer(ip, packet, v6);
                if (answer != null) {
                    queue.add(new Pending(due, new TransportEvent.Received(answer, due, token)));
                }
                return;
            }
            Router r = routers.get(j - 1);
            int ttlHere = ttl - (j - 1);
            if (ttlHere <= 1) {
                if (!r.silent) {
                    queue.add(new Pending(due, new TransportEvent.Received(timeExceeded(r, packet, v6, j), due, token)));
                }
                return;
            }
            if (packet.length > r.mtuAfter && df) {
                if (r.tooBig != TooBig.DROP_SILENTLY && !r.silent) {
                    int mtu = r.tooBig == TooBig.REPORT_MTU ? r.mtuAfter : 0;
                    queue.add(new Pending(due, new TransportEvent.Received(tooBig(r, packet, v6, mtu, j), due, token)));
                }
                return;
            }
        }
    }

    private byte[] quote(byte[] probe, boolean v6) {
        return Arrays.copyOf(probe, Math.min(probe.length, v6 ? 1232 : 548));
    }

    private byte[] wrap(InetAddress from, byte[] icmp, boolean v6, int hops) {
        int ttl = 64 - hops;
        if (v6) {
            return new Ipv6Builder().source(from).destination(source).hopLimit(ttl).nextHeader(IpProtocol.ICMPV6)
                    .payload(icmp).build();
        }
        return new Ipv4Builder().source(from).destination(source).ttl(ttl).protocol(IpProtocol.ICMP).payload(icmp)
                .build();
    }

    private byte[] timeExceeded(Router r, byte[] probe, boolean v6, int hops) {
        byte[] ext = null;
        if (r.rfc5837Mtu.isPresent()) {
            ext = new IcmpExtensionsBuilder().add(new IcmpExtensionObject.InterfaceInformation(
                    IcmpExtensionObject.InterfaceInformation.ROLE_INCOMING_IP_INTERFACE, OptionalInt.empty(),
                    Optional.empty(), Optional.empty(), OptionalInt.of(r.rfc5837Mtu.getAsInt()))).build();
        }
        if (v6) {
            IcmpV6Builder b = new IcmpV6Builder().type(3).code(0).quote(quote(probe, true));
            if (ext != null) {
                b.extensions(ext);
            }
            return wrap(r.address, b.build(r.address, source), true, hops);
        }
        IcmpV4Builder b = new IcmpV4Builder().type(11).code(0).quote(quote(probe, false));
        if (ext != null) {
            b.extensions(ext);
        }
        return wrap(r.address, b.build(), false, hops);
    }

    private byte[] tooBig(Router r, byte[] probe, boolean v6, int mtu, int hops) {
        if (v6) {
            return wrap(r.address, new IcmpV6Builder().type(2).code(0).mtu(mtu).quote(quote(probe, true))
                    .build(r.address, source), true, hops);
        }
        return wrap(r.address, new IcmpV4Builder().type(3).code(4).nextHopMtu(mtu).quote(quote(probe, false)).build(),
                false, hops);
    }

    private byte[] destinationAnswer(IpPacket ip, byte[] probe, boolean v6) {
        try {
            int hops = routers.size() + 1;
            if (ip.protocol() == IpProtocol.UDP) {
                if (v6) {
                    return wrap(destination, new IcmpV6Builder().type(1).code(4).quote(quote(probe, true))
                            .build(destination, source), true, hops);
                }
                return wrap(destination, new IcmpV4Builder().type(3).code(3).quote(quote(probe, false)).build(), false,
                        hops);
            }
            if (ip.protocol() == IpProtocol.ICMP && !v6) {
                var m = ip.icmpv4();
                return wrap(destination, new IcmpV4Builder().type(0).code(0).identifier(m.identifier())
                        .sequence(m.sequence()).payload(Arrays.copyOfRange(ip.payload(), 8, ip.payload().length))
                        .build(), false, hops);
            }
            if (ip.protocol() == IpProtocol.ICMPV6 && v6) {
                var m = ip.icmpv6();
                return wrap(destination, new IcmpV6Builder().type(129).code(0).identifier(m.identifier())
                        .sequence(m.sequence()).payload(Arrays.copyOfRange(ip.payload(), 8, ip.payload().length))
                        .build(destination, source), true, hops);
            }
        } catch (MalformedPacketException e) {
            return null;
        }
        return null;
    }

    @Override
    public List<TransportEvent> poll(long deadlineNanos) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            synchronized (this) {
                List<TransportEvent> out = new ArrayList<>();
                while (!queue.isEmpty() && queue.peek().dueNanos - now <= 0) {
                    out.add(queue.poll().event);
                }
                if (!out.isEmpty() || closed || now - deadlineNanos >= 0) {
                    return out;
                }
                long next = queue.isEmpty() ? deadlineNanos : Math.min(deadlineNanos, queue.peek().dueNanos);
                long waitNanos = Math.min(next - now, 50_000_000L);
                if (waitNanos > 0) { // wait(0, 0) would wait for ever
                    wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
