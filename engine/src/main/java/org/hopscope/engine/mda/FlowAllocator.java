package org.hopscope.engine.mda;

import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;

/**
 * Hands out flow identifiers never used before in this trace. Their number is bounded by the
 * header field that carries them: UDP and TCP put the flow in the source port (base + flow, so
 * 65536 - base of them before the ports wrap onto earlier flows), ICMP in the checksum.
 */
final class FlowAllocator {
    private final int limit;
    private int next;

    FlowAllocator(int limit) {
        this.limit = limit;
    }

    static FlowAllocator forSettings(TraceSettings s) {
        int limit = s.protocol() == ProbeProtocol.ICMP ? 0xFFFF : 65536 - s.sourcePort();
        return new FlowAllocator(Math.max(1, Math.min(limit, 0xFFFF)));
    }

    boolean exhausted() {
        return next >= limit;
    }

    /** A fresh flow, or -1 when every distinct flow has been used. */
    int fresh() {
        return next < limit ? next++ : -1;
    }

    /** How many flows were handed out. */
    int used() {
        return next;
    }
}
