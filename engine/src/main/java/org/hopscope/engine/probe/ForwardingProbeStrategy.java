package org.hopscope.engine.probe;

import java.util.List;
import org.hopscope.engine.packet.IpPacket;
import org.hopscope.engine.packet.MalformedPacketException;

/**
 * A strategy that changes how another one's probes are crafted but keeps its identities and
 * matching: subclasses override {@link #craft} (a header bit, the IPv6 flow label...) and inherit
 * everything else from {@link #inner}.
 */
public abstract class ForwardingProbeStrategy implements ProbeStrategy {
    protected final ProbeStrategy inner;

    protected ForwardingProbeStrategy(ProbeStrategy inner) {
        this.inner = inner;
    }

    @Override
    public ProbeProtocol protocol() {
        return inner.protocol();
    }

    @Override
    public ProbeMethod method() {
        return inner.method();
    }

    @Override
    public CraftedProbe craft(ProbeSpec spec) {
        return inner.craft(spec);
    }

    @Override
    public List<Integer> keysFromQuote(IpPacket quoted) throws MalformedPacketException {
        return inner.keysFromQuote(quoted);
    }

    @Override
    public List<Integer> keysFromDestinationReply(IpPacket reply) throws MalformedPacketException {
        return inner.keysFromDestinationReply(reply);
    }

    @Override
    public int minimumLength(boolean ipv6) {
        return inner.minimumLength(ipv6);
    }

    @Override
    public int defaultLength(boolean ipv6) {
        return inner.defaultLength(ipv6);
    }
}
