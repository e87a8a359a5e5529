package org.hopscope.engine.insession;

import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.packet.TcpOption;
import org.hopscope.engine.packet.TcpSegment;

/**
 * The SACK blocks of one destination ACK (RFC 2018 §3): each {@code [left, right)} names data that
 * arrived beyond the acknowledgement number. A probe occupies one sequence number; it reached the
 * destination when some block covers it. Comparisons are modulo 2^32 (RFC 9293 §3.4).
 */
public record SackBlocks(List<TcpOption.SackBlock> blocks) {

    public SackBlocks {
        blocks = List.copyOf(blocks);
    }

    public static SackBlocks of(TcpSegment segment) {
        List<TcpOption.SackBlock> b = new ArrayList<>();
        for (TcpOption o : segment.options()) {
            if (o instanceof TcpOption.Sack s) {
                b.addAll(s.blocks());
            }
        }
        return new SackBlocks(b);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether sequence number {@code seq} lies in a block: left <= seq < right, modulo 2^32. */
    public boolean covers(long seq) {
        for (TcpOption.SackBlock b : blocks) {
            long width = (b.right() - b.left()) & 0xffffffffL;
            long offset = (seq - b.left()) & 0xffffffffL;
            if (offset < width) {
                return true;
            }
        }
        return false;
    }
}
