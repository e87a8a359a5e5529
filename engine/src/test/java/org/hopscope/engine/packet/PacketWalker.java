package org.hopscope.engine.packet;

import java.util.Optional;

import org.hopscope.engine.packet.IcmpExtensionObject.InterfaceInformation;
import org.hopscope.engine.packet.IcmpExtensionObject.MplsLabelStack;
import org.hopscope.engine.packet.IcmpExtensionObject.UnknownExtensionObject;

/**
 * Touches every accessor of a decoded packet and of everything reachable from it (upper layer, quoted
 * packet, extensions, TCP options). Only {@link MalformedPacketException} may escape a decoder; any
 * other exception propagates to the caller, which is what the property tests watch for.
 */
final class PacketWalker {
    private static final int MAX_DEPTH = 4;

    private long sink;

    private PacketWalker() {
    }

    /** Returns a value depending on everything read, so the JIT cannot drop the calls. */
    static long walk(IpPacket ip) {
        PacketWalker w = new PacketWalker();
        w.ip(ip, 0);
        return w.sink;
    }

    static long walkIcmpV4(IcmpV4Message m) {
        PacketWalker w = new PacketWalker();
        w.icmpv4(m, 0);
        return w.sink;
    }

    static long walkIcmpV6(IcmpV6Message m) {
        PacketWalker w = new PacketWalker();
        w.icmpv6(m, SamplePackets.SRC6, SamplePackets.DST6, 0);
        return w.sink;
    }

    static long walkExtensions(IcmpExtensions e) {
        PacketWalker w = new PacketWalker();
        w.extensions(Optional.of(e));
        return w.sink;
    }

    static long walkTcp(TcpSegment t) {
        PacketWalker w = new PacketWalker();
        w.tcp(t, SamplePackets.SRC4, SamplePackets.DST4);
        return w.sink;
    }

    static long walkUdp(UdpDatagram u) {
        PacketWalker w = new PacketWalker();
        w.udp(u, SamplePackets.SRC6, SamplePackets.DST6);
        return w.sink;
    }

    private void add(long v) {
        sink = sink * 31 + v;
    }

    private void add(boolean v) {
        add(v ? 1 : 0);
    }

    private void add(Object o) {
        add(o == null ? 0 : o.toString().length());
    }

    private void ip(IpPacket ip, int depth) {
        add(ip.version());
        add(ip.source());
        add(ip.destination());
        add(ip.ttl());
        add(ip.protocol());
        add(ip.trafficClass());
        add(ip.totalLength());
        add(ip.isTruncated());
        add(ip.payload().length);
        add(ip.bytes().length);
        add(ip);
        if (ip instanceof Ipv4Packet v4) {
            add(v4.identification());
            add(v4.dontFragment());
            add(v4.moreFragments());
            add(v4.fragmentOffset());
            add(v4.headerLength());
            add(v4.headerChecksum());
            add(v4.headerChecksumValid());
            add(v4.options().length);
        } else if (ip instanceof Ipv6Packet v6) {
            add(v6.flowLabel());
            add(v6.payloadLength());
            add(v6.nextHeader());
            add(v6.extensionHeaders().size());
            add(v6.upperLayerOffset());
        }
        try {
            udp(ip.udp(), ip.source(), ip.destination());
        } catch (MalformedPacketException e) {
            add(e.offset());
        }
        try {
            tcp(ip.tcp(), ip.source(), ip.destination());
        } catch (MalformedPacketException e) {
            add(e.offset());
        }
        try {
            icmpv4(ip.icmpv4(), depth);
        } catch (MalformedPacketException e) {
            add(e.offset());
        }
        try {
            icmpv6(ip.icmpv6(), ip.source(), ip.destination(), depth);
        } catch (MalformedPacketException e) {
            add(e.offset());
        }
    }

    private void udp(UdpDatagram u, java.net.InetAddress src, java.net.InetAddress dst) {
        add(u.sourcePort());
        add(u.destinationPort());
        add(u.length());
        add(u.checksum());
        add(u.payload().length);
        add(u.bytes().length);
        add(u.isTruncated());
        add(u.checksumValid(src, dst));
        add(u);
    }

    private void tcp(TcpSegment t, java.net.InetAddress src, java.net.InetAddress dst) {
        add(t.sourcePort());
        add(t.destinationPort());
        add(t.sequenceNumber());
        add(t.acknowledgementNumber());
        add(t.dataOffset());
        add(t.headerLength());
        add(t.flags());
        add(t.isSyn());
        add(t.isAck());
        add(t.isRst());
        add(t.isFin());
        add(t.isPsh());
        add(t.window());
        add(t.checksum());
        add(t.urgentPointer());
        add(t.payload().length);
        add(t.bytes().length);
        add(t.hasFullHeader());
        add(t.isTruncated());
        add(t.checksumValid(src, dst));
        for (TcpOption o : t.options()) {
            add(o.kind());
            add(o);
            add(o.hashCode());
            if (o instanceof TcpOption.Mss m) {
                add(m.value());
            } else if (o instanceof TcpOption.WindowScale w) {
                add(w.shift());
            } else if (o instanceof TcpOption.Sack s) {
                for (TcpOption.SackBlock b : s.blocks()) {
                    add(b.left());
                    add(b.right());
                }
            } else if (o instanceof TcpOption.Timestamps ts) {
                add(ts.value());
                add(ts.echoReply());
            } else if (o instanceof TcpOption.UnknownTcpOption u) {
                add(u.data().length);
            }
        }
        add(t);
    }

    private void icmpv4(IcmpV4Message m, int depth) {
        add(m.type());
        add(m.code());
        add(m.checksum());
        add(m.checksumValid());
        add(m.isError());
        add(m.identifier());
        add(m.sequence());
        add(m.nextHopMtu());
        add(m.pointer());
        add(m.restOfHeader());
        add(m.rfc4884Length());
        add(m.payload().length);
        add(m.quotedBytes().length);
        add(m.bytes().length);
        add(m.isTruncated());
        add(m);
        extensions(m.extensions());
        quoted(() -> m.quotedPacket(), depth);
    }

    private void icmpv6(IcmpV6Message m, java.net.InetAddress src, java.net.InetAddress dst, int depth) {
        add(m.type());
        add(m.code());
        add(m.checksum());
        add(m.checksumValid(src, dst));
        add(m.isError());
        add(m.identifier());
        add(m.sequence());
        add(m.mtu());
        add(m.pointer());
        add(m.restOfHeader());
        add(m.rfc4884Length());
        add(m.payload().length);
        add(m.quotedBytes().length);
        add(m.bytes().length);
        add(m.isTruncated());
        add(m);
        extensions(m.extensions());
        quoted(() -> m.quotedPacket(), depth);
    }

    private interface QuoteSupplier {
        IpPacket get() throws MalformedPacketException;
    }

    private void quoted(QuoteSupplier supplier, int depth) {
        try {
            IpPacket quoted = supplier.get();
            if (depth < MAX_DEPTH) {
                ip(quoted, depth + 1);
            }
        } catch (MalformedPacketException e) {
            add(e.offset());
            add(e.getMessage());
        }
    }

    private void extensions(Optional<IcmpExtensions> ext) {
        if (ext.isEmpty()) {
            return;
        }
        IcmpExtensions e = ext.get();
        add(e.version());
        add(e.checksum());
        add(e.checksumValid());
        add(e.rfc4884Compliant());
        add(e.bytes().length);
        add(e);
        for (IcmpExtensionObject o : e.objects()) {
            add(o.classNum());
            add(o.cType());
            add(o);
            add(o.hashCode());
            if (o instanceof MplsLabelStack s) {
                for (MplsLabel l : s.entries()) {
                    add(l.label());
                    add(l.trafficClass());
                    add(l.bottomOfStack());
                    add(l.ttl());
                }
            } else if (o instanceof InterfaceInformation i) {
                add(i.role());
                add(i.ifIndex().orElse(-1));
                add(i.address().map(Object::toString).orElse(""));
                add(i.name().orElse(""));
                add(i.mtu().orElse(-1));
            } else if (o instanceof UnknownExtensionObject u) {
                add(u.data().length);
            }
        }
    }
}
