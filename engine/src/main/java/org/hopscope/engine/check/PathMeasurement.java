package org.hopscope.engine.check;

import java.util.List;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * The measured path to one target: the protocol that got farthest, then continuous (mtr-style) rounds
 * with it until the budget ran out.
 *
 * @param protocol the protocol of {@link #trace}
 * @param attempts every protocol tried, in order
 * @param trace the aggregate of every round (per-hop loss and RTT statistics over the whole run)
 * @param rounds how many rounds the aggregate holds
 */
public record PathMeasurement(ProbeProtocol protocol, List<ProtocolAttempt> attempts, TraceSnapshot trace,
        long rounds) {

    public PathMeasurement {
        attempts = List.copyOf(attempts);
    }

    public boolean reached() {
        return trace.hops().stream().anyMatch(h -> h.reachedDestination());
    }

    /** Whether a protocol tried before the one used was run and did not reach (filtered on the way). */
    public boolean fellBack() {
        for (ProtocolAttempt a : attempts) {
            if (a.protocol() == protocol) {
                return false;
            }
            if (a.ran() && !a.reached()) {
                return true;
            }
        }
        return false;
    }
}
