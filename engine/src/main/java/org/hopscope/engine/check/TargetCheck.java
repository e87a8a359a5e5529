package org.hopscope.engine.check;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.hopscope.engine.enrich.Enrichment;

/**
 * Everything the check found about one target.
 *
 * @param target as given
 * @param address the address tested (the first the name resolved to), if any
 * @param dns the name resolution (timed)
 * @param connect the TCP connect to the target's port
 * @param path the traced path, empty when the name did not resolve or nothing could probe
 * @param pathDetail why there is no path, or ""
 * @param verdicts one per {@link SegmentKind}, in path order
 * @param status the worst verdict
 * @param enrichment names and AS numbers of the path's addresses ({@code Enrichment.EMPTY} without an enricher)
 */
public record TargetCheck(CheckTarget target, Optional<InetAddress> address, NameResolution dns, TcpConnect connect,
        Optional<PathMeasurement> path, String pathDetail, List<SegmentVerdict> verdicts, Status status,
        Enrichment enrichment) {

    public TargetCheck {
        verdicts = List.copyOf(verdicts);
        java.util.Objects.requireNonNull(enrichment);
    }

    public SegmentVerdict verdict(SegmentKind k) {
        return verdicts.stream().filter(v -> v.segment() == k).findFirst().orElseThrow();
    }

    /** The worst of the verdicts (UNKNOWN only when nothing was measured). */
    static Status overall(List<SegmentVerdict> verdicts) {
        Status s = Status.UNKNOWN;
        for (SegmentVerdict v : verdicts) {
            s = s.worse(v.status());
        }
        return s;
    }
}
