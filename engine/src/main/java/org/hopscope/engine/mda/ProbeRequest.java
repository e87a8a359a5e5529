package org.hopscope.engine.mda;

import org.hopscope.engine.probe.FlowId;

/** One probe an algorithm asks for: this flow, this TTL. */
public record ProbeRequest(int ttl, FlowId flow) {
    public ProbeRequest {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 1..255, got " + ttl);
        }
    }

    public static ProbeRequest of(int ttl, int flow) {
        return new ProbeRequest(ttl, FlowId.of(flow));
    }
}
