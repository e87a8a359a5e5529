package org.hopscope.engine.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.hopscope.engine.packet.IcmpV4Builder;
import org.hopscope.engine.packet.IcmpV4Type;
import org.hopscope.engine.packet.IcmpV6Builder;
import org.hopscope.engine.packet.IcmpV6Type;
import org.hopscope.engine.packet.IpProtocol;
import org.hopscope.engine.packet.Ipv4Builder;
import org.hopscope.engine.packet.Ipv6Builder;
import org.hopscope.engine.trace.TraceSettings;

/** Addresses, settings and router-side reply crafting shared by the probe tests. */
final class ProbeFixtures {
    static final InetAddress SRC4 = addr("198.18.0.2");
    static final InetAddress DST4 = addr("198.18.9.9");
    static final InetAddress ROUTER4 = addr("198.18.1.1");
    static final InetAddress SRC6 = addr("2001:db8::2");
    static final InetAddress DST6 = addr("2001:db8:9::9");
    static final InetAddress ROUTER6 = addr("2001:db8:1::1");

    private ProbeFixtures() {
    }

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static TraceSettings settings(ProbeProtocol p, ProbeMethod m) {
        return TraceSettings.builder(DST4.getHostAddress()).protocol(p).method(m).build();
    }

    static ProbeSpec spec(InetAddress src, InetAddress dst, int ttl, int flow, int id, long index) {
        return new ProbeSpec(src, dst, Ttl.of(ttl), FlowId.of(flow), ProbeId.of(id), index);
    }

    /** What a router sends when the probe's TTL runs out there: time exceeded quoting it. */
    static byte[] timeExceeded(InetAddress router, byte[] probe, boolean v6) {
        return icmpError(router, probe, v6, v6 ? IcmpV6Type.TIME_EXCEEDED : IcmpV4Type.TIME_EXCEEDED, 0);
    }

    static byte[] icmpError(InetAddress from, byte[] probe, boolean v6, int type, int code) {
        InetAddress to = v6 ? SRC6 : SRC4;
        if (v6) {
            byte[] icmp = new IcmpV6Builder().type(type).code(code).quote(probe).build(from, to);
            return new Ipv6Builder().source(from).destination(to).hopLimit(62).nextHeader(IpProtocol.ICMPV6)
                    .payload(icmp).build();
        }
        byte[] icmp = new IcmpV4Builder().type(type).code(code).quote(probe).build();
        return new Ipv4Builder().source(from).destination(to).ttl(253).identification(4242)
                .protocol(IpProtocol.ICMP).payload(icmp).build();
    }
}
