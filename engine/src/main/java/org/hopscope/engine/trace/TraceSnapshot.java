package org.hopscope.engine.trace;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.hopscope.engine.transport.TransportInfo;

/**
 * An immutable picture of a trace at one moment; a UI draws it without ever seeing half-written
 * state. Times are microseconds since the epoch; {@code finishedEpochMicros} is -1 while running.
 *
 * @param hops from the first TTL to the last one worth showing (the destination, an unreachable, or
 *     the last answer plus the allowed missing hops)
 * @param links inferred links between consecutive hops, with the flows that showed them
 * @param probes every probe sent, in send order
 * @param unmatchedReplies packets received that answered none of our probes (dropped)
 * @param statusDetail why a trace failed or stopped, or ""
 */
public record TraceSnapshot(
        String toolVersion,
        TraceSettings settings,
        InetAddress resolvedAddress,
        InetAddress sourceAddress,
        TransportInfo transport,
        long startedEpochMicros,
        long finishedEpochMicros,
        TraceStatus status,
        String statusDetail,
        List<HopSnapshot> hops,
        List<LinkSnapshot> links,
        List<ProbeRecord> probes,
        long probesSent,
        long unmatchedReplies) {

    public TraceSnapshot {
        hops = List.copyOf(hops);
        links = List.copyOf(links);
        probes = List.copyOf(probes);
    }

    public boolean finished() {
        return status != TraceStatus.RUNNING;
    }

    public Optional<HopSnapshot> hop(int ttl) {
        return hops.stream().filter(h -> h.ttl().value() == ttl).findFirst();
    }
}
