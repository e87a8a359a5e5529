package org.hopscope.engine.trace;

import java.util.List;
import org.hopscope.engine.probe.Ttl;

/**
 * One TTL of a trace: the interfaces that answered there and the probes' statistics.
 *
 * @param interfaces answering addresses, most replies first
 * @param stats all probes sent at this TTL
 * @param pending probes at this TTL neither answered nor timed out yet
 */
public record HopSnapshot(Ttl ttl, List<InterfaceSnapshot> interfaces, RttStats stats, int pending) {
    public HopSnapshot {
        interfaces = List.copyOf(interfaces);
    }

    public boolean silent() {
        return interfaces.isEmpty() && pending == 0;
    }

    public boolean reachedDestination() {
        return interfaces.stream().anyMatch(InterfaceSnapshot::isDestination);
    }
}
