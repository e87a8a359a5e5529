package org.hopscope.engine.probe;

import java.net.InetAddress;

/**
 * One probe to craft.
 *
 * @param index how many probes the trace sent before this one; classic strategies derive the
 *     varying port from it
 */
public record ProbeSpec(
        InetAddress source, InetAddress destination, Ttl ttl, FlowId flow, ProbeId id, long index) {
}
