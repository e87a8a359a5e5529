package org.hopscope.engine.transport.datagram;

import com.sun.jna.Memory;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.hopscope.engine.packet.IcmpV4Message;
import org.hopscope.engine.packet.IcmpV6Message;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Packet;
import org.hopscope.engine.packet.Ipv6Packet;
import org.hopscope.engine.packet.MalformedPacketException;
import org.hopscope.engine.packet.UdpDatagram;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportEvent;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.TransportInfo;

/**
 * Unprivileged probing through Linux datagram sockets, as traceroute(8) and tracepath(8) do without
 * root: UDP sockets and ICMP "ping" sockets with IP_RECVERR, whose error queue receives the ICMP
 * errors that answer our probes.
 *
 * <p>Sending: the engine's crafted packet is parsed and what the kernel lets a datagram socket
 * control is reproduced: destination, source address and port (the socket is bound to them), TTL /
 * hop limit, TOS / traffic class, DF (IPv4), and the payload, passed unchanged. For Paris UDP the
 * crafted payload word is what makes the UDP checksum equal the probe identity, and the kernel
 * computes the same checksum over the same bytes, so it survives. ICMP: the kernel writes the echo
 * identifier of a ping socket from the socket's port and recomputes the checksum; the socket is bound
 * to the crafted identifier so the wire carries the crafted header unchanged. When that identifier is
 * taken by another ping socket, the kernel picks one; replies are then matched through the echo
 * sequence number (the probe's identity) and given back their crafted identifier. Not reproducible,
 * and so refused per probe: TCP, ICMP other than echo request, IP options, fragments. The kernel
 * chooses the IPv4 ID and the IPv6 flow label.
 *
 * <p>Receiving: error-queue messages and echo replies become complete IP packets, see {@link
 * ReplySynthesizer} for exactly what is rebuilt. Times: {@link #nanoTime()} is CLOCK_REALTIME in
 * nanoseconds, the clock of the kernel's receive timestamps (SO_TIMESTAMPNS) and of its software
 * transmit timestamps (SO_TIMESTAMPING), which give the {@link TransportEvent.Sent} times; without
 * one the time after sendto() returned is used.
 *
 * <p>Threads: send and poll run on the engine thread, poll waiting in ppoll(2) on every socket;
 * {@link #close()} from another thread wakes it through an eventfd, and poll then throws.
 */
public final class DatagramTransport implements ProbeTransport {
    /** How long replies to an expired probe are still attributed, for late answers the engine counts. */
    private static final long LATE_NANOS = 1_000_000_000L;
    /** A transmit timestamp that has not come by then will not: the probe's send time is taken from the clock. */
    private static final long TX_STAMP_WAIT_NANOS = 20_000_000L;
    private static final int MAX_READS_PER_QUEUE = 512;
    private static final int ICMP_DATA_QUOTE_FROM = 8;

    private final DatagramSupport support;
    private final TransportInfo info;
    private final ReentrantLock io = new ReentrantLock();
    private final Map<SocketKey, ProbeSocket> sockets = new HashMap<>();
    private final List<TransportEvent> events = new ArrayList<>();
    private final ReceiveBuffer buffer = new ReceiveBuffer();
    private final int wakeFd;
    private final Memory eventBuf = new Memory(8);
    private volatile boolean closed;
    private long unattributed;

    private record SocketKey(boolean v6, boolean icmp, InetAddress address, int port) {
    }

    private DatagramTransport(DatagramSupport support, int wakeFd, String note) {
        this.support = support;
        this.wakeFd = wakeFd;
        this.info = describe(support, note);
    }

    /** Opens the transport, or says why datagram sockets cannot be used here. */
    public static DatagramTransport open() throws TransportException {
        return open("");
    }

    /**
     * Opens the transport; {@code note} (e.g. why the native helper is not used) becomes the first of
     * its {@link TransportInfo#limitations()}, so the user reads it wherever the transport is shown.
     */
    public static DatagramTransport open(String note) throws TransportException {
        DatagramSupport s = DatagramSupport.detect();
        if (!s.usable()) {
            throw new TransportException(TransportError.UNSUPPORTED, s.reason());
        }
        int fd = LibC.eventfd(0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
        if (fd < 0) {
            throw new TransportException(TransportError.TRANSPORT_FAILED, NativeException.last("eventfd").getMessage());
        }
        return new DatagramTransport(s, fd, note);
    }

    static TransportInfo describe(DatagramSupport s, String note) {
        EnumSet<ProbeProtocol> protocols = EnumSet.of(ProbeProtocol.UDP);
        List<String> limits = new ArrayList<>();
        if (!note.isBlank()) {
            limits.add(note);
        }
        limits.add("no TCP probes");
        if (s.icmp()) {
            protocols.add(ProbeProtocol.ICMP);
        } else {
            limits.add("no ICMP probes: " + s.reason());
        }
        if (!s.icmpExtensions()) {
            limits.add("no MPLS labels (ICMP extensions are not delivered)");
        }
        limits.add("IPv4 ID and IPv6 flow label chosen by the kernel (no NAT detection by IP ID)");
        limits.add("quoted TTL and reply IP ID not delivered (rebuilt: 1 for time exceeded, ID 0)");
        limits.add("replies quoting no payload are paired with UDP probes in send order");
        return new TransportInfo(TransportInfo.Kind.DATAGRAM, "datagram", protocols, s.ipv6(), false, limits);
    }

    public DatagramSupport support() {
        return support;
    }

    @Override
    public TransportInfo info() {
        return info;
    }

    @Override
    public InetAddress sourceAddressFor(InetAddress destination) throws TransportException {
        return LocalRoute.sourceFor(destination);
    }

    @Override
    public long nanoTime() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public void send(long token, byte[] ipPacket, long timeoutNanos) throws TransportException {
        io.lock();
        try {
            if (closed) {
                throw closedException();
            }
            String refusal = sendOne(token, ipPacket, timeoutNanos);
            if (refusal != null) {
                events.add(new TransportEvent.SendFailed(token, TransportError.UNSUPPORTED, refusal));
            }
        } finally {
            io.unlock();
        }
    }

    /** Sends, queueing Sent or SendFailed; returns a reason when the packet cannot go through a datagram socket. */
    private String sendOne(long token, byte[] packet, long timeoutNanos) {
        IpPacket ip;
        try {
            ip = IpPacket.parse(packet);
        } catch (MalformedPacketException e) {
            return "not a valid IP packet: " + e.getMessage();
        }
        boolean v6 = ip instanceof Ipv6Packet;
        int headerLength;
        boolean df = false;
        if (ip instanceof Ipv4Packet v4) {
            if (v4.headerLength() != 20) {
                return "IP options cannot be sent through datagram sockets";
            }
            if (v4.moreFragments() || v4.fragmentOffset() != 0) {
                return "fragments cannot be sent through datagram sockets";
            }
            headerLength = 20;
            df = v4.dontFragment();
        } else {
            Ipv6Packet p6 = (Ipv6Packet) ip;
            if (!p6.extensionHeaders().isEmpty()) {
                return "IPv6 extension headers cannot be sent through datagram sockets";
            }
            headerLength = 40;
        }
        if (v6 && !support.ipv6()) {
            return "IPv6 is not available";
        }
        byte[] payload;
        int port;
        int sequence = -1;
        boolean icmp;
        int bindPort;
        try {
            if (ip.protocol() == IpProtocol.UDP) {
                UdpDatagram u = ip.udp();
                payload = u.payload();
                port = u.destinationPort();
                bindPort = u.sourcePort();
                icmp = false;
            } else if (ip.protocol() == (v6 ? IpProtocol.ICMPV6 : IpProtocol.ICMP)) {
                if (!support.icmp()) {
                    return support.reason();
                }
                int type;
                int code;
                if (v6) {
                    IcmpV6Message m = ip.icmpv6();
                    type = m.type() == 128 ? 8 : -1;
                    code = m.code();
                    bindPort = m.identifier();
                    sequence = m.sequence();
                    payload = m.bytes();
                } else {
                    IcmpV4Message m = ip.icmpv4();
                    type = m.type();
                    code = m.code();
                    bindPort = m.identifier();
                    sequence = m.sequence();
                    payload = m.bytes();
                }
                if (type != 8 || code != 0) {
                    return "only ICMP echo requests can be sent through ping sockets";
                }
                port = 0;
                icmp = true;
            } else if (ip.protocol() == IpProtocol.TCP) {
                return "TCP probes need the native helper (raw sockets)";
            } else {
                return "protocol " + ip.protocol() + " cannot be sent through datagram sockets";
            }
        } catch (MalformedPacketException e) {
            return "not a valid probe: " + e.getMessage();
        }
        ProbeSocket s;
        try {
            s = socketFor(v6, icmp, ip.source(), bindPort);
            s.prepare(ip.ttl(), ip.trafficClass(), df);
        } catch (NativeException e) {
            events.add(new TransportEvent.SendFailed(token, errorFor(e.errno()), e.getMessage()));
            return null;
        }
        long before = nanoTime();
        int errno = s.socket.sendTo(payload, 0, payload.length, ip.destination(), port);
        if (errno != 0 && isAsynchronousError(errno)) {
            // An ICMP error read from the error queue stays pending as the socket error and fails the
            // next send once (sock_alloc_send_pskb checks sk_err); that attempt cleared it.
            before = nanoTime();
            errno = s.socket.sendTo(payload, 0, payload.length, ip.destination(), port);
        }
        long after = nanoTime();
        if (errno != 0) {
            events.add(new TransportEvent.SendFailed(token, errorFor(errno),
                    "sendto: " + LibC.strerror(errno) + " (errno " + errno + ")"));
            return null;
        }
        SentProbe p = new SentProbe(token, packet.clone(), headerLength, ip.source(), ip.destination(),
                icmp ? -1 : port, ip.ttl(), payload, sequence, before, after, after + timeoutNanos + LATE_NANOS);
        s.inFlight.add(p);
        if (s.txTimestamps) {
            s.awaitingTxStamp.add(p);
        } else {
            events.add(new TransportEvent.Sent(token, after));
        }
        return null;
    }

    private static boolean isAsynchronousError(int errno) {
        return errno == 113 /* EHOSTUNREACH */ || errno == 101 /* ENETUNREACH */ || errno == 111 /* ECONNREFUSED */
                || errno == 71 /* EPROTO */ || errno == 112 /* EHOSTDOWN */ || errno == 64 /* ENONET */;
    }

    private static TransportError errorFor(int errno) {
        return switch (errno) {
            case 113 -> TransportError.NO_ROUTE;
            case 101 -> TransportError.NETWORK_UNREACHABLE;
            case Linux.EACCES, 1 -> TransportError.PERMISSION_DENIED;
            default -> TransportError.SEND_FAILED;
        };
    }

    /** The socket bound to this probe source, opened and configured on first use. */
    private ProbeSocket socketFor(boolean v6, boolean icmp, InetAddress source, int port) throws NativeException {
        SocketKey key = new SocketKey(v6, icmp, source, port);
        ProbeSocket s = sockets.get(key);
        if (s != null) {
            return s;
        }
        NativeSocket ns = NativeSocket.open(v6, icmp ? (v6 ? Linux.IPPROTO_ICMPV6 : Linux.IPPROTO_ICMP) : Linux.IPPROTO_UDP);
        try {
            boolean tx = configure(ns, v6);
            int bound = port;
            try {
                ns.bind(source, port);
            } catch (NativeException e) {
                if (!icmp || e.errno() != Linux.EADDRINUSE) {
                    throw e;
                }
                ns.bind(source, 0); // identifier taken by another ping socket: let the kernel choose
                bound = ns.localPort();
            }
            s = new ProbeSocket(ns, icmp, source, bound, tx);
        } catch (NativeException e) {
            ns.close();
            throw e;
        }
        sockets.put(key, s);
        return s;
    }

    /** Receive options; returns whether transmit timestamps are on. */
    private static boolean configure(NativeSocket s, boolean v6) throws NativeException {
        s.trySetInt(Linux.SOL_SOCKET, Linux.SO_RCVBUF, 1 << 20);
        s.setInt(Linux.SOL_SOCKET, Linux.SO_TIMESTAMPNS, 1);
        boolean tx = s.trySetInt(Linux.SOL_SOCKET, Linux.SO_TIMESTAMPING,
                Linux.SOF_TIMESTAMPING_TX_SOFTWARE | Linux.SOF_TIMESTAMPING_SOFTWARE | Linux.SOF_TIMESTAMPING_OPT_TSONLY);
        if (v6) {
            s.trySetInt(Linux.IPPROTO_IPV6, Linux.IPV6_V6ONLY, 1);
            s.setInt(Linux.IPPROTO_IPV6, Linux.IPV6_RECVERR, 1);
            s.setInt(Linux.IPPROTO_IPV6, Linux.IPV6_RECVHOPLIMIT, 1);
            s.trySetInt(Linux.IPPROTO_IPV6, Linux.IPV6_RECVTCLASS, 1);
            s.trySetInt(Linux.IPPROTO_IPV6, Linux.IPV6_RECVERR_RFC4884, 1);
        } else {
            s.setInt(Linux.IPPROTO_IP, Linux.IP_RECVERR, 1);
            s.setInt(Linux.IPPROTO_IP, Linux.IP_RECVTTL, 1);
            s.trySetInt(Linux.IPPROTO_IP, Linux.IP_RECVTOS, 1);
            s.trySetInt(Linux.IPPROTO_IP, Linux.IP_RECVERR_RFC4884, 1);
        }
        return tx;
    }

    @Override
    public List<TransportEvent> poll(long deadlineNanos) throws TransportException, InterruptedException {
        io.lock();
        try {
            while (true) {
                if (closed) {
                    throw closedException();
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long now = nanoTime();
                housekeeping(now);
                if (!events.isEmpty()) {
                    List<TransportEvent> out = new ArrayList<>(events);
                    events.clear();
                    return out;
                }
                if (now >= deadlineNanos) {
                    return List.of();
                }
                for (ProbeSocket s : waitForInput(Math.min(deadlineNanos, nextTxStampDeadline()) - now)) {
                    drain(s);
                }
            }
        } finally {
            io.unlock();
        }
    }

    /** Blocks in ppoll(2) until a socket or the wake eventfd is readable, or the time passed; returns the readable sockets. */
    private List<ProbeSocket> waitForInput(long nanos) {
        List<ProbeSocket> all = new ArrayList<>(sockets.values());
        Memory fds = new Memory(8L * (all.size() + 1));
        fds.setInt(0, wakeFd);
        fds.setShort(4, Linux.POLLIN);
        fds.setShort(6, (short) 0);
        for (int i = 0; i < all.size(); i++) {
            fds.setInt(8L * (i + 1), all.get(i).socket.fd());
            fds.setShort(8L * (i + 1) + 4, Linux.POLLIN);
            fds.setShort(8L * (i + 1) + 6, (short) 0);
        }
        Memory ts = new Memory(16);
        long wait = Math.max(0, nanos);
        ts.setLong(0, wait / 1_000_000_000L);
        ts.setLong(8, wait % 1_000_000_000L);
        int n = LibC.ppoll(fds, all.size() + 1, ts, null);
        if (n <= 0) {
            return List.of(); // timeout, or EINTR: the loop looks again
        }
        if (fds.getShort(6) != 0) {
            LibC.read(wakeFd, eventBuf, 8);
        }
        List<ProbeSocket> ready = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (fds.getShort(8L * (i + 1) + 6) != 0) { // POLLIN, or POLLERR: the error queue has something
                ready.add(all.get(i));
            }
        }
        return ready;
    }

    /** Reads a socket's error queue, then its normal queue (that order keeps a transmit timestamp before the reply). */
    private void drain(ProbeSocket s) {
        for (int i = 0; i < MAX_READS_PER_QUEUE; i++) {
            ReceiveBuffer.Result r = buffer.read(s.socket, true);
            if (r.message() == null) {
                break;
            }
            onErrorQueue(s, r.message());
        }
        for (int i = 0; i < MAX_READS_PER_QUEUE; i++) {
            ReceiveBuffer.Result r = buffer.read(s.socket, false);
            if (r.message() == null) {
                break;
            }
            onData(s, r.message());
        }
    }

    private void onErrorQueue(ProbeSocket s, ReceivedMessage m) {
        ReceivedMessage.ExtendedError e = m.error();
        if (e == null) {
            return;
        }
        if (e.origin() == Linux.SO_EE_ORIGIN_TIMESTAMPING) {
            onTxStamp(s, m.txTimestampNanos());
            return;
        }
        if (!e.isIcmp() || e.offender() == null) {
            return; // local errors (e.g. EMSGSIZE) name no router: the probe simply gets no answer
        }
        int from = s.icmp ? ICMP_DATA_QUOTE_FROM : 0;
        int extAt = e.rfc4884Length() > 0 ? Math.min(e.rfc4884Length(), m.data().length) : m.data().length;
        SentProbe p = s.attributeError(m, from, Math.max(0, extAt - from));
        if (p == null) {
            unattributed++;
            return;
        }
        flushTxStampsThrough(s, p);
        p.answered = true;
        long at = m.timestampNanos() > 0 ? m.timestampNanos() : nanoTime();
        events.add(new TransportEvent.Received(ReplySynthesizer.icmpError(p, m, from), at, p.token));
    }

    private void onData(ProbeSocket s, ReceivedMessage m) {
        if (!s.icmp) {
            return; // a UDP answer from the destination: the engine probes for ICMP, not for these
        }
        int echoReply = s.socket.v6() ? 129 : 0;
        if (m.data().length < 8 || (m.data()[0] & 0xff) != echoReply || m.peer() == null) {
            unattributed++;
            return;
        }
        SentProbe p = s.attributeEcho(m);
        if (p == null) {
            unattributed++;
            return;
        }
        flushTxStampsThrough(s, p);
        p.answered = true;
        int crafted = ((p.payload[4] & 0xff) << 8) | (p.payload[5] & 0xff);
        long at = m.timestampNanos() > 0 ? m.timestampNanos() : nanoTime();
        events.add(new TransportEvent.Received(ReplySynthesizer.echoReply(p, m, crafted), at, p.token));
    }

    /**
     * A software transmit timestamp: it belongs to the oldest probe of this socket still waiting for
     * one, provided it falls after that probe's sendto() began (a socket's packets leave in order).
     */
    private void onTxStamp(ProbeSocket s, long stamp) {
        SentProbe p = s.awaitingTxStamp.peekFirst();
        if (p == null || stamp <= 0 || stamp < p.beforeSendNanos) {
            return;
        }
        s.awaitingTxStamp.pollFirst();
        events.add(new TransportEvent.Sent(p.token, stamp));
    }

    /** Before a probe's reply is handed out, its Sent must be: from the clock if its timestamp is late. */
    private void flushTxStampsThrough(ProbeSocket s, SentProbe answered) {
        if (!s.awaitingTxStamp.contains(answered)) {
            return;
        }
        for (Iterator<SentProbe> it = s.awaitingTxStamp.iterator(); it.hasNext(); ) {
            SentProbe p = it.next();
            it.remove();
            events.add(new TransportEvent.Sent(p.token, p.afterSendNanos));
            if (p == answered) {
                return;
            }
        }
    }

    private void housekeeping(long now) {
        for (ProbeSocket s : sockets.values()) {
            while (!s.awaitingTxStamp.isEmpty() && s.awaitingTxStamp.peekFirst().afterSendNanos + TX_STAMP_WAIT_NANOS <= now) {
                SentProbe p = s.awaitingTxStamp.pollFirst();
                events.add(new TransportEvent.Sent(p.token, p.afterSendNanos));
            }
            s.expire(now);
        }
    }

    private long nextTxStampDeadline() {
        long next = Long.MAX_VALUE;
        for (ProbeSocket s : sockets.values()) {
            SentProbe p = s.awaitingTxStamp.peekFirst();
            if (p != null) {
                next = Math.min(next, p.afterSendNanos + TX_STAMP_WAIT_NANOS);
            }
        }
        return next;
    }

    /** Error-queue and data messages that answered none of the probes in flight. */
    public long unattributedMessages() {
        return unattributed;
    }

    private static TransportException closedException() {
        return new TransportException(TransportError.TRANSPORT_FAILED, "the transport was closed");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Memory one = new Memory(8);
        one.setLong(0, 1);
        LibC.write(wakeFd, one, 8); // wakes a poll blocked in ppoll; it then releases the lock
        io.lock();
        try {
            for (ProbeSocket s : sockets.values()) {
                s.close();
            }
            sockets.clear();
            LibC.close(wakeFd);
        } finally {
            io.unlock();
        }
    }
}
