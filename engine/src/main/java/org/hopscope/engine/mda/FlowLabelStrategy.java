package org.hopscope.engine.mda;

import org.hopscope.engine.probe.CraftedProbe;
import org.hopscope.engine.probe.ForwardingProbeStrategy;
import org.hopscope.engine.probe.ProbeSpec;
import org.hopscope.engine.probe.ProbeStrategy;
import org.hopscope.engine.trace.SentFields;

/**
 * Adds the IPv6 flow label to the flow identifier for multipath tracing. Single-path traces keep the
 * label constant (probing-facts §1.1); but IPv6 balancers may hash the (source, destination, flow
 * label) 3-tuple only (RFC 6438, RFC 7098), so MDA over IPv6 varies the label with the flow, as MMLPT
 * does ({@code build_ipv6_probe(... fl=flow_id ...)}), besides the port or checksum. The label is
 * {@code 1 + (base + flow) mod (2^20 - 1)}: never 0, which RFC 6437 reserves for "unlabelled" and
 * some balancers replace with a 5-tuple hash. The flow label is outside every checksum (the IPv6
 * pseudo-header has none), so rewriting it in the crafted packet keeps the probe valid.
 */
final class FlowLabelStrategy extends ForwardingProbeStrategy {
    private final int base;

    FlowLabelStrategy(ProbeStrategy inner, int base) {
        super(inner);
        this.base = base;
    }

    static int label(int base, int flow) {
        return 1 + (int) ((base + (long) flow) % 0xFFFFF);
    }

    @Override
    public CraftedProbe craft(ProbeSpec spec) {
        CraftedProbe p = inner.craft(spec);
        byte[] packet = p.packet();
        if (packet.length < 40 || (packet[0] & 0xF0) != 0x60) {
            return p;
        }
        int fl = label(base, spec.flow().value());
        byte[] out = packet.clone();
        out[1] = (byte) ((out[1] & 0xF0) | ((fl >>> 16) & 0x0F));
        out[2] = (byte) (fl >>> 8);
        out[3] = (byte) fl;
        SentFields f = p.fields();
        SentFields g = new SentFields(f.source(), f.destination(), f.tos(), fl, f.ipId(), f.sourcePort(),
                f.destinationPort(), f.checksum(), f.sequence(), f.length());
        return new CraftedProbe(out, g, p.key());
    }
}
