package org.hopscope.engine.insession;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.hopscope.engine.format.AddressLiterals;
import org.hopscope.engine.insession.InSessionException.Kind;
import org.hopscope.engine.packet.IcmpV4Message;
import org.hopscope.engine.packet.IcmpV6Message;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.MalformedPacketException;
import org.hopscope.engine.packet.TcpSegment;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.datagram.LocalRoute;
import org.hopscope.engine.transport.helper.ConnectionHelper;

/**
 * Runs a TCP InSession trace (package-info): for each flow, one real connection opened by the kernel,
 * rounds of one-byte probes with increasing TTL inside it, then a clean close (FIN both ways).
 *
 * <p>Round 1 probes TTL 1..maxTtl at once; later rounds only up to the destination's distance. The
 * trace of a flow stops early when every probe of the round is answered.
 */
public final class InSessionTracer {
    /** How long the helper watches one connection; longer than any trace of one flow. */
    private static final int WATCH_MS = 60_000;
    private static final long SYN_ACK_WAIT_NANOS = 1_000_000_000L;
    private static final int CLOSE_WAIT_MS = 1000;

    private final ConnectionHelper helper;
    private final Consumer<InSessionProbe> onAnswer;
    private long nextToken = 1;

    /** @param onAnswer told of every probe as soon as it is answered (progress display); may be a no-op */
    public InSessionTracer(ConnectionHelper helper, Consumer<InSessionProbe> onAnswer) {
        this.helper = helper;
        this.onAnswer = onAnswer;
    }

    public InSessionResult trace(InSessionSettings s) throws InSessionException {
        InetAddress source;
        try {
            source = LocalRoute.sourceFor(s.target());
        } catch (TransportException e) {
            throw new InSessionException(Kind.LOCAL, "no local address routes to " + AddressLiterals.format(s.target())
                    + ": " + e.getMessage(), e);
        }
        List<InSessionProbe> all = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        boolean timestamps = false;
        for (int flow = 0; flow < s.flows(); flow++) {
            Flow f = new Flow(s, source, flow);
            try {
                f.run();
            } finally {
                f.close();
            }
            all.addAll(f.probes);
            ports.add(f.port);
            timestamps |= f.latest != null && f.latest.timestamps();
        }
        return new InSessionResult(s.target(), s.port(), all, ports, timestamps);
    }

    /** One connection and its probes. */
    private final class Flow {
        private final InSessionSettings s;
        private final InetAddress source;
        private final int index;
        private final long watchToken = nextToken++;
        private final Socket socket = new Socket();
        private final List<InSessionProbe> probes = new ArrayList<>();
        private final Map<Long, Integer> byToken = new HashMap<>();
        private final Map<Long, Integer> bySeq = new HashMap<>();
        private final Map<Long, Long> sentAt = new HashMap<>();
        private int port;
        private Handshake latest;
        private ProbeSegments segments;
        private boolean watching;

        Flow(InSessionSettings s, InetAddress source, int index) {
            this.s = s;
            this.source = source;
            this.index = index;
        }

        void run() throws InSessionException {
            open();
            int maxTtl = s.maxTtl();
            for (int round = 0; round < s.rounds(); round++) {
                List<Integer> sent = new ArrayList<>();
                for (int ttl = 1; ttl <= maxTtl; ttl++) {
                    sent.add(send(round, ttl));
                }
                awaitRound(sent);
                int reachedAt = destinationTtl();
                if (reachedAt > 0) {
                    maxTtl = Math.min(maxTtl, reachedAt);
                }
            }
            closeCleanly();
        }

        private void open() throws InSessionException {
            try {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(source, 0));
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new InSessionException(Kind.LOCAL, "cannot bind a TCP socket to " + AddressLiterals.format(source) + ": "
                        + e.getMessage(), e);
            }
            try {
                helper.watch(watchToken, source, port, s.target(), s.port(), WATCH_MS);
                watching = true;
            } catch (TransportException e) {
                throw new InSessionException(Kind.HELPER, "the helper will not report the connection's segments: "
                        + e.getMessage(), e);
            }
            String where = AddressLiterals.format(s.target()) + " port " + s.port();
            try {
                socket.connect(new InetSocketAddress(s.target(), s.port()), (int) s.connectTimeout().toMillis());
            } catch (SocketTimeoutException e) {
                throw new InSessionException(Kind.DESTINATION_SILENT, "no answer from " + where + " within "
                        + s.connectTimeout().toMillis() + " ms: the destination is down or a firewall drops the connection");
            } catch (ConnectException e) {
                throw new InSessionException(Kind.CONNECTION_REFUSED, "connection to " + where
                        + " refused: nothing listens on that port (" + e.getMessage() + ")", e);
            } catch (IOException e) {
                throw new InSessionException(Kind.DESTINATION_SILENT, "cannot connect to " + where + ": " + e.getMessage(), e);
            }
            TcpSegment synAck = awaitSynAck();
            latest = Handshake.fromSynAck(synAck);
            if (!latest.sackPermitted()) {
                throw new InSessionException(Kind.SACK_NOT_PERMITTED, where + " does not permit SACK (no SACK-permitted"
                        + " option in its SYN-ACK, RFC 2018): its ACKs could not tell which probe arrived");
            }
            segments = new ProbeSegments(source, port, s.target(), s.port(), latest);
        }

        private TcpSegment awaitSynAck() throws InSessionException {
            long end = System.nanoTime() + SYN_ACK_WAIT_NANOS;
            while (System.nanoTime() < end) {
                ConnectionHelper.Event e = next(end - System.nanoTime());
                if (e instanceof ConnectionHelper.Reply r && r.watch() && r.token() == watchToken) {
                    TcpSegment t = tcp(r.packet());
                    if (t != null && t.isSyn() && t.isAck()) {
                        return t;
                    }
                }
            }
            throw new InSessionException(Kind.HELPER, "connected, but the helper reported no SYN-ACK of the connection");
        }

        private int send(int round, int ttl) throws InSessionException {
            int k = probes.size();
            long token = nextToken++;
            InSessionProbe p = new InSessionProbe(index, port, round, ttl, segments.sequence(k), Optional.empty());
            probes.add(p);
            byToken.put(token, k);
            bySeq.put(p.sequence(), k);
            try {
                helper.send(token, segments.build(k, ttl, latest), (int) s.waitTime().toMillis());
            } catch (TransportException e) {
                throw new InSessionException(Kind.HELPER, "the helper stopped: " + e.getMessage(), e);
            }
            return k;
        }

        /** Processes events until every probe of the round is answered or {@code wait} after the last send. */
        private void awaitRound(List<Integer> round) throws InSessionException {
            long end = System.nanoTime() + s.waitTime().toNanos();
            while (System.nanoTime() < end && round.stream().anyMatch(k -> probes.get(k).answer().isEmpty())) {
                next(end - System.nanoTime());
            }
        }

        private int destinationTtl() {
            return probes.stream().filter(p -> p.answer().map(a -> a.kind() == InSessionProbe.Kind.DESTINATION).orElse(false))
                    .mapToInt(InSessionProbe::ttl).min().orElse(0);
        }

        /** Waits for one helper event and applies it; returns it (null on timeout). */
        private ConnectionHelper.Event next(long nanos) throws InSessionException {
            ConnectionHelper.Event e;
            try {
                e = helper.poll(nanos);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new InSessionException(Kind.LOCAL, "interrupted");
            }
            if (e instanceof ConnectionHelper.Sent sent && byToken.containsKey(sent.token())) {
                sentAt.put(sent.token(), sent.sentNanos());
            } else if (e instanceof ConnectionHelper.Reply r && r.watch() && r.token() == watchToken) {
                onSegment(r);
            } else if (e instanceof ConnectionHelper.Reply r && !r.watch()) {
                onIcmp(r);
            } else if (e instanceof ConnectionHelper.Refused r && byToken.containsKey(r.token())) {
                throw new InSessionException(Kind.HELPER, "the helper refused a probe: " + r.error().sentence()
                        + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")"));
            } else if (e instanceof ConnectionHelper.Ended end) {
                throw new InSessionException(Kind.HELPER, end.why());
            }
            return e;
        }

        /** A segment of our connection: a RST ends the trace; an ACK's SACK blocks say which probes arrived. */
        private void onSegment(ConnectionHelper.Reply r) throws InSessionException {
            TcpSegment t = tcp(r.packet());
            if (t == null || t.isSyn()) {
                return; // SYN-ACK retransmission
            }
            if (t.isRst()) {
                throw new InSessionException(Kind.RESET, AddressLiterals.format(s.target()) + " port " + s.port()
                        + " reset the connection after " + probes.size() + " probes");
            }
            if (latest != null) {
                latest = latest.seen(t);
            }
            SackBlocks sack = SackBlocks.of(t);
            for (int k = 0; k < probes.size(); k++) {
                InSessionProbe p = probes.get(k);
                if (p.answer().isEmpty() && sack.covers(p.sequence())) {
                    answer(k, new InSessionProbe.Answer(s.target(), InSessionProbe.Kind.DESTINATION, rtt(k, r.receivedNanos())));
                }
            }
        }

        /** A router's ICMP error: matched by the quoted TCP ports and sequence number, not by the helper's hint. */
        private void onIcmp(ConnectionHelper.Reply r) {
            try {
                IpPacket outer = IpPacket.parse(r.packet());
                IpPacket quoted;
                InSessionProbe.Kind kind;
                if (outer.protocol() == IpProtocol.ICMP) {
                    IcmpV4Message m = outer.icmpv4();
                    if (!m.isError()) {
                        return;
                    }
                    quoted = m.quotedPacket();
                    kind = m.type() == 11 ? InSessionProbe.Kind.TIME_EXCEEDED : InSessionProbe.Kind.UNREACHABLE;
                } else if (outer.protocol() == IpProtocol.ICMPV6) {
                    IcmpV6Message m = outer.icmpv6();
                    if (!m.isError()) {
                        return;
                    }
                    quoted = m.quotedPacket();
                    kind = m.type() == 3 ? InSessionProbe.Kind.TIME_EXCEEDED : InSessionProbe.Kind.UNREACHABLE;
                } else {
                    return;
                }
                byte[] q = quoted.payload(); // RFC 792: at least the first 8 bytes, ports and sequence number
                if (quoted.protocol() != IpProtocol.TCP || q.length < 8) {
                    return;
                }
                int qsport = (q[0] & 0xff) << 8 | (q[1] & 0xff);
                int qdport = (q[2] & 0xff) << 8 | (q[3] & 0xff);
                long qseq = ((q[4] & 0xffL) << 24) | ((q[5] & 0xff) << 16) | ((q[6] & 0xff) << 8) | (q[7] & 0xff);
                Integer k = bySeq.get(qseq);
                if (qsport != port || qdport != s.port() || k == null || probes.get(k).answer().isPresent()) {
                    return;
                }
                answer(k, new InSessionProbe.Answer(outer.source(), kind, rtt(k, r.receivedNanos())));
            } catch (MalformedPacketException e) {
                // not ours to understand: ignored like any foreign packet
            }
        }

        private long rtt(int k, long receivedNanos) {
            for (Map.Entry<Long, Integer> en : byToken.entrySet()) {
                if (en.getValue() == k) {
                    Long sent = sentAt.get(en.getKey());
                    return sent == null ? -1 : Math.max(0, receivedNanos - sent); // loopback can report receipt first
                }
            }
            return -1;
        }

        private void answer(int k, InSessionProbe.Answer a) {
            InSessionProbe p = probes.get(k).answered(a);
            probes.set(k, p);
            onAnswer.accept(p);
        }

        /** FIN from us, then wait (bounded) for the server's FIN: the connection ends as any other would. */
        private void closeCleanly() throws InSessionException {
            try {
                socket.shutdownOutput();
                socket.setSoTimeout(CLOSE_WAIT_MS);
                InputStream in = socket.getInputStream();
                byte[] buf = new byte[512];
                while (in.read(buf) >= 0) {
                    // the server sent data: discard it; we only wait for its FIN
                }
            } catch (SocketTimeoutException e) {
                // the server keeps its side open: our close() below ends it
            } catch (IOException e) {
                throw new InSessionException(Kind.RESET, AddressLiterals.format(s.target()) + " port " + s.port()
                        + " reset the connection while it was being closed (" + e.getMessage() + ")", e);
            }
        }

        void close() {
            if (watching) {
                try {
                    helper.cancelWatch(watchToken);
                } catch (TransportException e) {
                    // the helper is gone; its watch with it
                }
            }
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }

    private static TcpSegment tcp(byte[] packet) {
        try {
            IpPacket ip = IpPacket.parseQuoted(packet, 0, packet.length); // the helper may have cut the payload
            return ip.protocol() == IpProtocol.TCP ? TcpSegment.parse(ip.payload()) : null;
        } catch (MalformedPacketException e) {
            return null;
        }
    }
}
