package org.hopscope.engine.probe;

/**
 * Index of a flow: a set of header values that per-flow load balancers hash (addresses, protocol,
 * TOS/traffic class, ports or ICMP checksum, IPv6 flow label). Probes with the same FlowId follow the
 * same path through per-flow balancers; a {@link ProbeStrategy} maps the index to header values.
 */
public record FlowId(int value) implements Comparable<FlowId> {
    public FlowId {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("flow id must be 0..65535, got " + value);
        }
    }

    public static FlowId of(int value) {
        return new FlowId(value);
    }

    @Override
    public int compareTo(FlowId o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
