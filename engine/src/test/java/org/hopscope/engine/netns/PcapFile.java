package org.hopscope.engine.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a classic pcap file (micro- or nanosecond) and strips the link layer, so tests compare IP
 * packets byte for byte with what the engine sent and received. Link types: Ethernet, Linux cooked
 * v1 and v2 (dumpcap {@code -i any}), raw IP.
 */
public final class PcapFile {
    private static final int LINK_ETHERNET = 1;
    private static final int LINK_RAW = 101;
    private static final int LINK_SLL = 113;
    private static final int LINK_SLL2 = 276;

    private PcapFile() {
    }

    /** One captured IP packet; {@code nanos} since the epoch. Non-IP frames are left out. */
    public record Frame(long nanos, byte[] ip) {
        /** Whether this frame's IP packet equals {@code packet}, the IPv4 ID and header checksum aside (the kernel may fill them). */
        public boolean sameIpPacket(byte[] packet) {
            if (ip.length != packet.length) {
                return false;
            }
            if (packet.length >= 20 && (packet[0] >> 4) == 4) {
                byte[] a = ip.clone();
                byte[] b = packet.clone();
                for (int i : new int[] {4, 5, 10, 11}) {
                    a[i] = 0;
                    b[i] = 0;
                }
                return Arrays.equals(a, b);
            }
            return Arrays.equals(ip, packet);
        }
    }

    public static List<Frame> read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        boolean nano;
        if (magic == 0xa1b23c4d || magic == 0x4d3cb2a1) {
            nano = true;
        } else if (magic == 0xa1b2c3d4 || magic == 0xd4c3b2a1) {
            nano = false;
        } else {
            throw new IllegalArgumentException(file + " is not a classic pcap file");
        }
        if (magic == 0x4d3cb2a1 || magic == 0xd4c3b2a1) {
            b.order(ByteOrder.BIG_ENDIAN);
        }
        int link = b.getInt(20);
        List<Frame> frames = new ArrayList<>();
        int off = 24;
        while (off + 16 <= all.length) {
            long sec = Integer.toUnsignedLong(b.getInt(off));
            long frac = Integer.toUnsignedLong(b.getInt(off + 4));
            int incl = b.getInt(off + 8);
            int start = off + 16;
            off = start + incl;
            if (off > all.length) {
                break;
            }
            byte[] ip = ipOf(link, Arrays.copyOfRange(all, start, start + incl));
            if (ip != null) {
                frames.add(new Frame(sec * 1_000_000_000L + (nano ? frac : frac * 1000), ip));
            }
        }
        return frames;
    }

    private static byte[] ipOf(int link, byte[] f) {
        int off;
        int etherType;
        switch (link) {
            case LINK_ETHERNET -> {
                off = 14;
                etherType = f.length >= 14 ? u16(f, 12) : -1;
            }
            case LINK_SLL -> {
                off = 16;
                etherType = f.length >= 16 ? u16(f, 14) : -1;
            }
            case LINK_SLL2 -> {
                off = 20;
                etherType = f.length >= 20 ? u16(f, 0) : -1;
            }
            case LINK_RAW -> {
                off = 0;
                etherType = f.length > 0 && (f[0] >> 4 & 0xf) == 6 ? 0x86dd : 0x0800;
            }
            default -> {
                return null;
            }
        }
        if ((etherType != 0x0800 && etherType != 0x86dd) || f.length <= off) {
            return null;
        }
        return Arrays.copyOfRange(f, off, f.length);
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }
}
