package org.hopscope.engine.pmtu;

import org.hopscope.engine.packet.InternetChecksum;
import org.hopscope.engine.probe.CraftedProbe;
import org.hopscope.engine.probe.ForwardingProbeStrategy;
import org.hopscope.engine.probe.ProbeSpec;
import org.hopscope.engine.probe.ProbeStrategy;

/**
 * Any probe strategy with the IPv4 Don't Fragment bit set on its probes (the header checksum is
 * recomputed; nothing else changes, so identities and flows are those of the wrapped strategy).
 * IPv6 probes are left as they are: IPv6 routers never fragment.
 */
public final class DontFragmentStrategy extends ForwardingProbeStrategy {
    private static final int FLAGS_OFFSET = 6;
    private static final int CHECKSUM_OFFSET = 10;
    private static final int DF = 0x40;

    public DontFragmentStrategy(ProbeStrategy inner) {
        super(inner);
    }

    /** Sets DF on an IPv4 packet in place and fixes its header checksum; IPv6 is untouched. */
    static byte[] setDontFragment(byte[] packet) {
        if (packet.length < 20 || (packet[0] >> 4) != 4) {
            return packet;
        }
        int headerLength = (packet[0] & 0x0F) * 4;
        packet[FLAGS_OFFSET] |= (byte) DF;
        packet[CHECKSUM_OFFSET] = 0;
        packet[CHECKSUM_OFFSET + 1] = 0;
        int c = InternetChecksum.checksum(packet, 0, headerLength);
        packet[CHECKSUM_OFFSET] = (byte) (c >>> 8);
        packet[CHECKSUM_OFFSET + 1] = (byte) c;
        return packet;
    }

    @Override
    public CraftedProbe craft(ProbeSpec spec) {
        CraftedProbe c = inner.craft(spec);
        return new CraftedProbe(setDontFragment(c.packet()), c.fields(), c.key());
    }
}
