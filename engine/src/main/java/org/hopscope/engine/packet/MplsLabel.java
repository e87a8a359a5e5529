package org.hopscope.engine.packet;

/**
 * One MPLS label stack entry as quoted in an RFC 4950 §7 object: the 32-bit entry of RFC 3032 §2.1
 * (label 20 bits, traffic class 3 bits — "EXP" before RFC 5462 —, bottom-of-stack 1 bit, TTL 8 bits).
 */
public record MplsLabel(int label, int trafficClass, boolean bottomOfStack, int ttl) {
    static final int ENTRY_LENGTH = 4;
    static final int MAX_LABEL = 0xfffff;

    public MplsLabel {
        Bytes.requireRange("label", label, 0, MAX_LABEL);
        Bytes.requireRange("traffic class", trafficClass, 0, 7);
        Bytes.requireRange("ttl", ttl, 0, 0xff);
    }

    static MplsLabel decode(byte[] b, int off) {
        long entry = Bytes.u32(b, off);
        return new MplsLabel((int) (entry >>> 12), (int) (entry >>> 9) & 0x7, ((entry >>> 8) & 1) == 1,
                (int) entry & 0xff);
    }

    void encode(byte[] b, int off) {
        long entry = ((long) label << 12) | ((long) trafficClass << 9) | (bottomOfStack ? 1L << 8 : 0) | ttl;
        Bytes.put32(b, off, entry);
    }
}
