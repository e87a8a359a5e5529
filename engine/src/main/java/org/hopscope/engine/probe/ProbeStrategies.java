package org.hopscope.engine.probe;

import org.hopscope.engine.trace.TraceSettings;

/** Picks the strategy for a trace's protocol. */
public final class ProbeStrategies {
    private ProbeStrategies() {
    }

    public static ProbeStrategy forSettings(TraceSettings settings) {
        return switch (settings.protocol()) {
            case UDP -> new UdpProbeStrategy(settings);
            case ICMP -> new IcmpProbeStrategy(settings);
            case TCP -> new TcpProbeStrategy(settings);
        };
    }
}
