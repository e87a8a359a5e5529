package org.hopscope.engine.check;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one segment of one target's path.
 *
 * @param segment which part of the path
 * @param status its category
 * @param reason why (the category tests and UIs key on)
 * @param sentence one plain sentence for the ticket
 * @param ttls the hops (TTLs) this segment covers; the evidence for the verdict
 * @param lossPercent the loss that starts in this segment and persists (0 if none, NaN if not measured)
 * @param rttMs the average RTT at the segment's last hop (NaN if not measured)
 */
public record SegmentVerdict(SegmentKind segment, Status status, Reason reason, String sentence, List<Integer> ttls,
        double lossPercent, double rttMs) {

    public SegmentVerdict {
        Objects.requireNonNull(segment);
        Objects.requireNonNull(status);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(sentence);
        ttls = List.copyOf(ttls);
    }
}
