package org.hopscope.engine.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Minimal reader of classic pcap files (RFC-draft "pcap" format), for checking fixtures and exports. */
final class ClassicPcapReader {
    static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    static final int MAGIC_NANOSECONDS = 0xa1b23c4d;

    record Record(long seconds, long fraction, int originalLength, byte[] data) {
    }

    record PcapFile(int magic, int linkType, List<Record> records) {
        boolean nanoseconds() {
            return magic == MAGIC_NANOSECONDS;
        }
    }

    private ClassicPcapReader() {
    }

    static PcapFile read(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != MAGIC_MICROSECONDS && magic != MAGIC_NANOSECONDS) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
        }
        if (magic != MAGIC_MICROSECONDS && magic != MAGIC_NANOSECONDS) {
            throw new IllegalArgumentException("not a classic pcap file: magic " + Integer.toHexString(magic));
        }
        int linkType = b.getInt(20);
        List<Record> records = new ArrayList<>();
        int off = 24;
        while (off < file.length) {
            long sec = Integer.toUnsignedLong(b.getInt(off));
            long frac = Integer.toUnsignedLong(b.getInt(off + 4));
            int incl = b.getInt(off + 8);
            int orig = b.getInt(off + 12);
            byte[] data = new byte[incl];
            System.arraycopy(file, off + 16, data, 0, incl);
            records.add(new Record(sec, frac, orig, data));
            off += 16 + incl;
        }
        return new PcapFile(magic, linkType, records);
    }
}
