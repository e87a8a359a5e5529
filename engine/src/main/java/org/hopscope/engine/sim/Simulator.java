package org.hopscope.engine.sim;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hopscope.engine.packet.IcmpV4Type;
import org.hopscope.engine.packet.IcmpV6Type;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv6Packet;
import org.hopscope.engine.packet.MalformedPacketException;

/**
 * The network in motion: walks one packet hop by hop through a {@link Topology}, decides its fate,
 * builds the answer and carries it back. Holds the state that changes as packets flow (round-robin
 * counters, random generators, token buckets, NAT tables, IP ID counters); {@link #copy()} takes it
 * whole so that ground truth can be computed without disturbing a running network.
 *
 * <p>A packet's journey is computed at once when it is injected, its time advancing link by link;
 * stateful decisions are taken in injection order, each at the packet's own arrival time. Not
 * thread-safe: {@link SimulatedTransport} serialises access.
 */
final class Simulator {
    /** LIVE applies chance (losses, jitter, rate limits) and keeps state; TRUTH ignores chance. */
    enum Mode { LIVE, TRUTH }

    /** A packet arriving at the prober. */
    record Delivery(long atNanos, byte[] packet) {
    }

    /** Where the probe's journey ended and what came of it. */
    record Outcome(TrueHop.Kind end, Node at, boolean answers, int quotedTtl, byte[] reply, List<Delivery> deliveries,
            boolean lost) {
    }

    private record Step(Node node, Link via, boolean hidden) {
    }

    private final Topology topo;
    private final Map<String, NodeState> nodes = new HashMap<>();
    private final Map<Link, Rng> linkRng = new HashMap<>();

    Simulator(Topology topo) {
        this.topo = topo;
        for (Node n : topo.nodes()) {
            nodes.put(n.name(), new NodeState(topo.seed(), n));
        }
        for (Link l : topo.links()) {
            linkRng.put(l, new Rng(Rng.derive(topo.seed(), "link", l.from() + ">" + l.to())));
        }
    }

    private Simulator(Simulator s) {
        this.topo = s.topo;
        s.nodes.forEach((k, v) -> nodes.put(k, v.copy()));
        s.linkRng.forEach((k, v) -> linkRng.put(k, v.copy()));
    }

    Simulator copy() {
        return new Simulator(this);
    }

    Topology topology() {
        return topo;
    }

    // ------------------------------------------------------------------ state

    private static final class NodeState {
        final long flowSeed;
        final Rng balance;
        final Rng loss;
        final long isnSeed;
        long roundRobin;
        double tokens;
        long lastRefill = Long.MIN_VALUE;
        int ipId;
        Map<NatKey, Integer> natOut = new HashMap<>();
        Map<NatPublic, NatKey> natIn = new HashMap<>();
        int natNext;

        NodeState(long seed, Node n) {
            long lbSeed = n.balancer().seed().orElse(Rng.derive(seed, "balance", n.name()));
            flowSeed = lbSeed;
            balance = new Rng(lbSeed);
            loss = new Rng(Rng.derive(seed, "loss", n.name()));
            isnSeed = Rng.derive(seed, "isn", n.name());
            ipId = (int) (Rng.derive(seed, "ipid", n.name()) & 0xffff);
            tokens = n.rateLimit() == null ? 0 : n.rateLimit().burst();
            natNext = n.nat() == null ? 0 : n.nat().portBase();
        }

        private NodeState(NodeState s) {
            flowSeed = s.flowSeed;
            balance = s.balance.copy();
            loss = s.loss.copy();
            isnSeed = s.isnSeed;
            roundRobin = s.roundRobin;
            tokens = s.tokens;
            lastRefill = s.lastRefill;
            ipId = s.ipId;
            natOut = new HashMap<>(s.natOut);
            natIn = new HashMap<>(s.natIn);
            natNext = s.natNext;
        }

        NodeState copy() {
            return new NodeState(this);
        }

        int nextIpId() {
            int id = ipId;
            ipId = (ipId + 1) & 0xffff;
            return id;
        }
    }

    private record NatKey(int protocol, InetAddress inside, int port) {
    }

    private record NatPublic(int protocol, int port) {
    }

    // ------------------------------------------------------------------ ground truth

    /** TTL by TTL, who the packet's flow ends at (see {@link Topology#trueHops}); each TTL on a fresh copy. */
    List<TrueHop> trueHops(byte[] probe, List<Node> forced) {
        Node target = topo.targetOf(probe);
        boolean v6 = Wire.isV6(probe);
        List<TrueHop> hops = new ArrayList<>();
        for (int ttl = 1; ttl <= 255; ttl++) {
            byte[] p = probe.clone();
            Wire.setTtl(p, ttl);
            Outcome o = copy().walk(p, 0, Mode.TRUTH, forced, target);
            hops.add(new TrueHop(ttl, o.at(), o.at().address(v6).orElse(null), o.end(), o.answers(), o.quotedTtl()));
            if (o.end() != TrueHop.Kind.TIME_EXCEEDED) {
                break;
            }
        }
        return Collections.unmodifiableList(hops);
    }

    // ------------------------------------------------------------------ the walk

    /** Sends {@code probe} (a valid packet from the prober to a node of the network) at {@code t0}. */
    Outcome inject(byte[] probe, long t0) {
        return walk(probe.clone(), t0, Mode.LIVE, null, topo.targetOf(probe));
    }

    private static final class Tunnel {
        final MplsTunnel lsp;
        int labelTtl;

        Tunnel(MplsTunnel lsp, int labelTtl) {
            this.lsp = lsp;
            this.labelTtl = labelTtl;
        }
    }

    private Outcome walk(byte[] p, long t0, Mode mode, List<Node> forced, Node target) {
        boolean live = mode == Mode.LIVE;
        List<Step> path = new ArrayList<>();
        Node cur = topo.source();
        path.add(new Step(cur, null, false));
        long t = t0;
        Tunnel tunnel = null;
        while (true) {
            Node next;
            if (tunnel != null) {
                next = topo.nodeNamed(tunnel.lsp.after(cur.name()));
            } else if (forced != null) {
                next = forced.get(path.size());
            } else {
                next = choose(cur, topo.nextHops(cur, target), p, live);
            }
            if (tunnel == null) {
                MplsTunnel lsp = topo.tunnelEntered(cur, next, target);
                if (lsp != null) {
                    tunnel = new Tunnel(lsp, lsp.mode().propagatesTtl() ? Wire.ttl(p) : 255);
                }
            }
            Link link = topo.link(cur, next);
            t += delay(link, live);
            if (live && lost(linkRng.get(link), link.loss())) {
                return new Outcome(TrueHop.Kind.TIME_EXCEEDED, next, false, -1, null, List.of(), true);
            }
            cur = next;
            boolean lsr = tunnel != null && !cur.name().equals(tunnel.lsp.egress());
            path.add(new Step(cur, link, lsr && !tunnel.lsp.mode().propagatesTtl()));
            NodeState st = nodes.get(cur.name());
            if (live && lost(st.loss, cur.loss())) {
                return new Outcome(TrueHop.Kind.TIME_EXCEEDED, cur, false, -1, null, List.of(), true);
            }
            if (cur == target) {
                if (tunnel != null && tunnel.lsp.mode().propagatesTtl() && tunnel.labelTtl < Wire.ttl(p)) {
                    Wire.setTtl(p, tunnel.labelTtl);
                }
                return deliverLocally(cur, p, path, t, live);
            }
            byte[] extension = null;
            if (tunnel != null) {
                int label = tunnel.lsp.labelAt(cur.name());
                if (lsr) {
                    if (tunnel.labelTtl <= 1) {
                        byte[] ext = tunnel.lsp.mode().attachesLabelStack()
                                ? Replies.mplsExtension(label, tunnel.labelTtl) : null;
                        return icmpFrom(cur, TrueHop.Kind.TIME_EXCEEDED,
                                Replies.timeExceeded(cur, p, ext, st.ipId), p, path, t, live);
                    }
                    tunnel.labelTtl--;
                    continue;
                }
                // The egress pops the label: uniform model copies the label TTL down (RFC 3443 §3.1).
                if (tunnel.lsp.mode().propagatesTtl()) {
                    if (tunnel.labelTtl < Wire.ttl(p)) {
                        Wire.setTtl(p, tunnel.labelTtl);
                    }
                } else if (tunnel.lsp.mode().attachesLabelStack()) {
                    extension = Replies.mplsExtension(label, tunnel.labelTtl);
                }
                tunnel = null;
            }
            int protocol = protocolOf(p);
            Node.Rule rule = rule(cur, protocol, true);
            if (rule != null) {
                return icmpFrom(cur, TrueHop.Kind.UNREACHABLE,
                        Replies.unreachable(cur, p, rule.unreachable(), extension, st.ipId), p, path, t, live);
            }
            int ttl = Wire.ttl(p);
            if (ttl == 0 || (ttl == 1 && !cur.zeroTtl())) {
                return icmpFrom(cur, TrueHop.Kind.TIME_EXCEEDED, Replies.timeExceeded(cur, p, extension, st.ipId), p,
                        path, t, live);
            }
            rule = rule(cur, protocol, false);
            if (rule != null) {
                if (rule.unreachable() == null) {
                    return new Outcome(TrueHop.Kind.DROPPED, cur, false, -1, null, List.of(), false);
                }
                return icmpFrom(cur, TrueHop.Kind.UNREACHABLE,
                        Replies.unreachable(cur, p, rule.unreachable(), extension, st.ipId), p, path, t, live);
            }
            Wire.setTtl(p, ttl - 1);
            if (cur.nat() != null && !Wire.isV6(p)) {
                natOut(cur, st, p);
            }
        }
    }

    /** The first rule of {@code n} for the protocol: routing failures (before the TTL check) or the others. */
    private static Node.Rule rule(Node n, int protocol, boolean routingFailures) {
        for (Node.Rule r : n.rules()) {
            boolean routing = r.unreachable() != null && r.unreachable().routingFailure();
            if (routing == routingFailures && r.matches(protocol)) {
                return r;
            }
        }
        return null;
    }

    private static int protocolOf(byte[] p) {
        try {
            return IpPacket.parse(p).protocol();
        } catch (MalformedPacketException e) {
            throw new IllegalStateException("packet in flight no longer parses: " + e.getMessage(), e);
        }
    }

    private static boolean lost(Rng rng, double probability) {
        return probability > 0 && rng.nextDouble() < probability;
    }

    private long delay(Link link, boolean live) {
        long d = link.delayNanos();
        if (live && link.jitterNanos() > 0) {
            d += (long) (linkRng.get(link).nextDouble() * link.jitterNanos());
        }
        return d;
    }

    // ------------------------------------------------------------------ balancing

    private Node choose(Node at, List<Node> candidates, byte[] p, boolean live) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no next hop at " + at.name());
        }
        NodeState st = nodes.get(at.name());
        Node.Balancer b = at.balancer();
        return switch (b.mode()) {
            case PER_FLOW -> candidates.get((int) Long.remainderUnsigned(flowHash(st.flowSeed, b, p),
                    candidates.size()));
            case ROUND_ROBIN -> candidates.get((int) Math.floorMod(st.roundRobin++, (long) candidates.size()));
            case RANDOM -> candidates.get(st.balance.nextInt(candidates.size()));
        };
    }

    /**
     * The per-flow hash: FNV-1a over the selected fields, then the SplitMix64 finaliser, keyed by
     * the node's seed so that two balancers of one network decide independently.
     */
    static long flowHash(long seed, Node.Balancer b, byte[] p) {
        IpPacket ip;
        try {
            ip = IpPacket.parse(p);
        } catch (MalformedPacketException e) {
            throw new IllegalStateException(e);
        }
        long h = 0xcbf29ce484222325L ^ seed;
        java.util.Set<Node.HashField> f = b.fields();
        if (f.contains(Node.HashField.SRC)) {
            h = fnv(h, ip.source().getAddress());
        }
        if (f.contains(Node.HashField.DST)) {
            h = fnv(h, ip.destination().getAddress());
        }
        if (f.contains(Node.HashField.PROTO)) {
            h = fnv(h, ip.protocol());
        }
        if (f.contains(Node.HashField.TOS)) {
            h = fnv(h, ip.trafficClass());
        }
        try {
            int proto = ip.protocol();
            if (proto == IpProtocol.UDP || proto == IpProtocol.TCP) {
                int sport = proto == IpProtocol.UDP ? ip.udp().sourcePort() : ip.tcp().sourcePort();
                int dport = proto == IpProtocol.UDP ? ip.udp().destinationPort() : ip.tcp().destinationPort();
                if (f.contains(Node.HashField.SPORT)) {
                    h = fnv(fnv(h, sport >>> 8), sport);
                }
                if (f.contains(Node.HashField.DPORT)) {
                    h = fnv(fnv(h, dport >>> 8), dport);
                }
            } else if ((proto == IpProtocol.ICMP || proto == IpProtocol.ICMPV6) && f.contains(Node.HashField.ICMP)) {
                byte[] icmp = ip.payload();
                h = fnv(h, java.util.Arrays.copyOf(icmp, Math.min(4, icmp.length)));
            }
        } catch (MalformedPacketException e) {
            // a transport header too short to hash: the addresses decide alone
        }
        if (f.contains(Node.HashField.FLOWLABEL) && ip instanceof Ipv6Packet v6) {
            int fl = v6.flowLabel();
            h = fnv(fnv(fnv(h, fl >>> 16), fl >>> 8), fl);
        }
        return Rng.mix(h);
    }

    private static long fnv(long h, int octet) {
        return (h ^ (octet & 0xff)) * 0x100000001b3L;
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte x : bytes) {
            h = fnv(h, x);
        }
        return h;
    }

    // ------------------------------------------------------------------ local delivery

    private Outcome deliverLocally(Node host, byte[] p, List<Step> path, long t, boolean live) {
        NodeState st = nodes.get(host.name());
        try {
            IpPacket ip = IpPacket.parse(p);
            int protocol = ip.protocol();
            for (Node.Rule r : host.rules()) {
                if (r.matches(protocol)) {
                    if (r.unreachable() == null) {
                        return new Outcome(TrueHop.Kind.DROPPED, host, false, -1, null, List.of(), false);
                    }
                    return icmpFrom(host, TrueHop.Kind.DESTINATION,
                            Replies.unreachable(host, p, r.unreachable(), null, st.ipId), p, path, t, live);
                }
            }
            if (protocol == IpProtocol.UDP) {
                if (host.udpOpen().contains(ip.udp().destinationPort())) {
                    return new Outcome(TrueHop.Kind.DESTINATION, host, false, -1, null, List.of(), false);
                }
                return icmpFrom(host, TrueHop.Kind.DESTINATION, Replies.unreachable(host, p,
                        TopologyParser.UNREACHABLE_CODES.get("port"), null, st.ipId), p, path, t, live);
            }
            if (protocol == IpProtocol.TCP) {
                var tcp = ip.tcp();
                long isn = Rng.mix(st.isnSeed ^ ((long) tcp.sourcePort() << 16 | tcp.destinationPort())) & 0xffffffffL;
                byte[] answer = Replies.tcpAnswer(host, ip, host.tcpOpen().contains(tcp.destinationPort()), isn,
                        st.ipId);
                if (answer == null) {
                    return new Outcome(TrueHop.Kind.DESTINATION, host, false, -1, null, List.of(), false);
                }
                st.nextIpId();
                return answer(host, TrueHop.Kind.DESTINATION, answer, -1, path, t, live);
            }
            boolean echo = (protocol == IpProtocol.ICMP && ip.version() == 4 && ip.icmpv4().type() == IcmpV4Type.ECHO_REQUEST)
                    || (protocol == IpProtocol.ICMPV6 && ip.version() == 6
                    && ip.icmpv6().type() == IcmpV6Type.ECHO_REQUEST);
            if (echo) {
                if (!host.echo()) {
                    return new Outcome(TrueHop.Kind.DESTINATION, host, false, -1, null, List.of(), false);
                }
                return icmpFrom(host, TrueHop.Kind.DESTINATION, Replies.echoReply(host, ip, st.ipId), p, path, t, live);
            }
            if (protocol == IpProtocol.ICMP || protocol == IpProtocol.ICMPV6) {
                return new Outcome(TrueHop.Kind.DESTINATION, host, false, -1, null, List.of(), false);
            }
            return icmpFrom(host, TrueHop.Kind.DESTINATION, Replies.unreachable(host, p,
                    TopologyParser.UNREACHABLE_CODES.get("proto"), null, st.ipId), p, path, t, live);
        } catch (MalformedPacketException e) {
            // A probe the host cannot parse is dropped, as a stack drops a malformed segment.
            return new Outcome(TrueHop.Kind.DESTINATION, host, false, -1, null, List.of(), false);
        }
    }

    // ------------------------------------------------------------------ answers and the way back

    /** An ICMP message from {@code from}: subject to its silence, rate limit and ICMP delay. */
    private Outcome icmpFrom(Node from, TrueHop.Kind end, byte[] reply, byte[] received, List<Step> path, long t,
            boolean live) {
        int quotedTtl = end == TrueHop.Kind.DESTINATION && !isError(reply) ? -1 : Wire.ttl(received);
        if (from.silent()) {
            return new Outcome(end, from, false, quotedTtl, null, List.of(), false);
        }
        NodeState st = nodes.get(from.name());
        if (live && from.rateLimit() != null && !takeToken(st, from.rateLimit(), t)) {
            return new Outcome(end, from, true, quotedTtl, reply, List.of(), true);
        }
        st.nextIpId();
        return answer(from, end, reply, quotedTtl, path, t + from.icmpDelayNanos(), live);
    }

    private static boolean isError(byte[] reply) {
        int l4 = Wire.isV6(reply) ? 40 : Wire.ihl(reply, 0);
        int type = reply[l4] & 0xff;
        return Wire.isV6(reply) ? IcmpV6Type.isError(type) : IcmpV4Type.isError(type);
    }

    private static boolean takeToken(NodeState st, Node.RateLimit rl, long t) {
        if (st.lastRefill != Long.MIN_VALUE && t > st.lastRefill) {
            st.tokens = Math.min(rl.burst(), st.tokens + (t - st.lastRefill) * rl.perSecond() / 1e9);
        }
        if (st.lastRefill == Long.MIN_VALUE || t > st.lastRefill) {
            st.lastRefill = t;
        }
        if (st.tokens >= 1) {
            st.tokens -= 1;
            return true;
        }
        return false;
    }

    /** Carries {@code reply} back along the probe's path to the prober. */
    private Outcome answer(Node from, TrueHop.Kind end, byte[] reply, int quotedTtl, List<Step> path, long t,
            boolean live) {
        byte[] r = reply.clone();
        long at = t;
        for (int i = path.size() - 1; i >= 1; i--) {
            Link link = path.get(i).via();
            at += delay(link, live);
            if (live && lost(linkRng.get(link), link.loss())) {
                return new Outcome(end, from, true, quotedTtl, reply, List.of(), true);
            }
            Step s = path.get(i - 1);
            if (i - 1 == 0) {
                if (!s.node().hasAddress(Wire.destinationOf(r))) {
                    return new Outcome(end, from, true, quotedTtl, reply, List.of(), true);
                }
                return new Outcome(end, from, true, quotedTtl, reply, List.of(new Delivery(at, r)), false);
            }
            Node m = s.node();
            NodeState st = nodes.get(m.name());
            if (live && lost(st.loss, m.loss())) {
                return new Outcome(end, from, true, quotedTtl, reply, List.of(), true);
            }
            if (!s.hidden()) {
                int ttl = Wire.ttl(r);
                if (ttl <= 1) {
                    return new Outcome(end, from, true, quotedTtl, reply, List.of(), true);
                }
                Wire.setTtl(r, ttl - 1);
            }
            if (m.nat() != null && !Wire.isV6(r) && Wire.destinationOf(r).equals(m.nat().publicAddress())) {
                r = natIn(m, st, r);
                if (r == null) {
                    return new Outcome(end, from, true, quotedTtl, reply, List.of(), true);
                }
            }
        }
        throw new IllegalStateException("a path always starts at the source");
    }

    // ------------------------------------------------------------------ NAT

    /** Source NAT of a packet the node forwards away from the prober (RFC 3022 §4.2). */
    private static void natOut(Node n, NodeState st, byte[] p) {
        Node.Nat nat = n.nat();
        int ihl = Wire.ihl(p, 0);
        int protocol = p[Wire.V4_PROTOCOL] & 0xff;
        byte[] oldSrc = java.util.Arrays.copyOfRange(p, Wire.V4_SOURCE, Wire.V4_SOURCE + 4);
        byte[] newSrc = nat.publicAddress().getAddress();
        InetAddress inside = Wire.v4At(p, Wire.V4_SOURCE);
        int portOffset = switch (protocol) {
            case IpProtocol.UDP, IpProtocol.TCP -> ihl + Wire.UDP_SPORT;
            case IpProtocol.ICMP -> (p.length > ihl && (p[ihl] & 0xff) == IcmpV4Type.ECHO_REQUEST) ? ihl + Wire.ICMP_ID : -1;
            default -> -1;
        };
        if (portOffset >= 0 && portOffset + 2 <= p.length) {
            int port = Wire.u16(p, portOffset);
            NatKey key = new NatKey(protocol, inside, port);
            Integer mapped = st.natOut.get(key);
            if (mapped == null) {
                mapped = nat.portBase() == 0 ? port : st.natNext++;
                st.natOut.put(key, mapped);
                st.natIn.put(new NatPublic(protocol, mapped), key);
            }
            int checksumOffset = switch (protocol) {
                case IpProtocol.UDP -> ihl + Wire.UDP_CHECKSUM;
                case IpProtocol.TCP -> ihl + Wire.TCP_CHECKSUM;
                default -> ihl + Wire.ICMP_CHECKSUM;
            };
            if (checksumOffset + 2 <= p.length) {
                int c = Wire.u16(p, checksumOffset);
                boolean noUdpChecksum = protocol == IpProtocol.UDP && c == 0;
                if (!noUdpChecksum) {
                    if (protocol != IpProtocol.ICMP) {
                        c = Wire.adjustAddress(c, oldSrc, newSrc);
                    }
                    c = Wire.adjust(c, port, mapped);
                    Wire.put16(p, checksumOffset, protocol == IpProtocol.UDP ? Wire.udpChecksum(c) : c);
                }
            }
            Wire.put16(p, portOffset, mapped);
        }
        System.arraycopy(newSrc, 0, p, Wire.V4_SOURCE, 4);
        Wire.refreshV4HeaderChecksum(p, 0);
    }

    /**
     * Reverse translation of a packet coming back to the NAT's public address: destination replies
     * (echo reply, UDP, TCP) and ICMP errors, whose quoted packet is fixed up as the NAT's {@link
     * Node.Nat.Fixup} says. Null when it belongs to no mapping (the NAT keeps it).
     */
    private static byte[] natIn(Node n, NodeState st, byte[] r) {
        Node.Nat nat = n.nat();
        int ihl = Wire.ihl(r, 0);
        int protocol = r[Wire.V4_PROTOCOL] & 0xff;
        byte[] pub = nat.publicAddress().getAddress();
        if (protocol == IpProtocol.ICMP && r.length >= ihl + 8 && IcmpV4Type.isError(r[ihl] & 0xff)) {
            int q = ihl + 8;
            if (r.length < q + 20 || (r[q] & 0xf0) != 0x40) {
                return null;
            }
            int qihl = Wire.ihl(r, q);
            int qproto = r[q + Wire.V4_PROTOCOL] & 0xff;
            int qPortOffset = switch (qproto) {
                case IpProtocol.UDP, IpProtocol.TCP -> q + qihl + Wire.UDP_SPORT;
                case IpProtocol.ICMP -> q + qihl + Wire.ICMP_ID;
                default -> -1;
            };
            if (qPortOffset < 0 || qPortOffset + 2 > r.length || r.length < q + qihl) {
                return null;
            }
            NatKey key = st.natIn.get(new NatPublic(qproto, Wire.u16(r, qPortOffset)));
            if (key == null || !java.util.Arrays.equals(java.util.Arrays.copyOfRange(r, q + Wire.V4_SOURCE,
                    q + Wire.V4_SOURCE + 4), pub)) {
                return null;
            }
            byte[] inside = key.inside().getAddress();
            System.arraycopy(inside, 0, r, Wire.V4_DESTINATION, 4);
            Wire.refreshV4HeaderChecksum(r, 0);
            if (nat.fixup() == Node.Nat.Fixup.NONE) {
                return r; // the ICMPv4 checksum does not cover the outer header: still valid
            }
            int mapped = Wire.u16(r, qPortOffset);
            if (nat.fixup() == Node.Nat.Fixup.FULL) {
                int qc = switch (qproto) {
                    case IpProtocol.UDP -> q + qihl + Wire.UDP_CHECKSUM;
                    case IpProtocol.TCP -> q + qihl + Wire.TCP_CHECKSUM;
                    default -> q + qihl + Wire.ICMP_CHECKSUM;
                };
                if (qc + 2 <= r.length) {
                    int c = Wire.u16(r, qc);
                    if (!(qproto == IpProtocol.UDP && c == 0)) {
                        if (qproto != IpProtocol.ICMP) {
                            c = Wire.adjustAddress(c, pub, inside);
                        }
                        c = Wire.adjust(c, mapped, key.port());
                        Wire.put16(r, qc, qproto == IpProtocol.UDP ? Wire.udpChecksum(c) : c);
                    }
                }
            }
            Wire.put16(r, qPortOffset, key.port());
            System.arraycopy(inside, 0, r, q + Wire.V4_SOURCE, 4);
            Wire.refreshV4HeaderChecksum(r, q);
            Wire.put16(r, ihl + Wire.ICMP_CHECKSUM, 0);
            Wire.put16(r, ihl + Wire.ICMP_CHECKSUM,
                    org.hopscope.engine.packet.InternetChecksum.checksum(r, ihl, r.length - ihl));
            return r;
        }
        int portOffset;
        int checksumOffset;
        switch (protocol) {
            case IpProtocol.UDP -> {
                portOffset = ihl + Wire.UDP_DPORT;
                checksumOffset = ihl + Wire.UDP_CHECKSUM;
            }
            case IpProtocol.TCP -> {
                portOffset = ihl + Wire.UDP_DPORT;
                checksumOffset = ihl + Wire.TCP_CHECKSUM;
            }
            case IpProtocol.ICMP -> {
                if (r.length < ihl + 8 || (r[ihl] & 0xff) != IcmpV4Type.ECHO_REPLY) {
                    return null;
                }
                portOffset = ihl + Wire.ICMP_ID;
                checksumOffset = ihl + Wire.ICMP_CHECKSUM;
            }
            default -> {
                return null;
            }
        }
        if (checksumOffset + 2 > r.length) {
            return null;
        }
        int mapped = Wire.u16(r, portOffset);
        NatKey key = st.natIn.get(new NatPublic(protocol, mapped));
        if (key == null) {
            return null;
        }
        byte[] inside = key.inside().getAddress();
        int c = Wire.u16(r, checksumOffset);
        if (!(protocol == IpProtocol.UDP && c == 0)) {
            if (protocol != IpProtocol.ICMP) {
                c = Wire.adjustAddress(c, pub, inside);
            }
            c = Wire.adjust(c, mapped, key.port());
            Wire.put16(r, checksumOffset, protocol == IpProtocol.UDP ? Wire.udpChecksum(c) : c);
        }
        Wire.put16(r, portOffset, key.port());
        System.arraycopy(inside, 0, r, Wire.V4_DESTINATION, 4);
        Wire.refreshV4HeaderChecksum(r, 0);
        return r;
    }
}
