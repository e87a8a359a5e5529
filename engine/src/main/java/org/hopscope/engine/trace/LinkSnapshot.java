package org.hopscope.engine.trace;

import java.net.InetAddress;
import java.util.SortedSet;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.Ttl;

/**
 * An inferred link: {@code from} answered at {@code fromTtl} and {@code to} at the next TTL for the
 * same flows. In classic mode every probe is its own flow, so links pair the probes of the same
 * column instead, as a reader of classic output does (which is how false links arise).
 */
public record LinkSnapshot(Ttl fromTtl, InetAddress from, InetAddress to, SortedSet<FlowId> flows) {
    public LinkSnapshot {
        flows = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(flows));
    }
}
