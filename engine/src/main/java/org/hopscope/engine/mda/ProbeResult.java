package org.hopscope.engine.mda;

import java.net.InetAddress;
import org.hopscope.engine.trace.Reply;

/**
 * What became of one {@link ProbeRequest}.
 *
 * @param reply the answer, or null when none came (timed out, send failed, trace stopped)
 * @param sequence the probe's sequence number in the trace (its {@code ProbeRecord}), -1 if never sent
 */
public record ProbeResult(ProbeRequest request, Reply reply, long sequence) {

    public boolean answered() {
        return reply != null;
    }

    /** The answering address, or null. */
    public InetAddress from() {
        return reply == null ? null : reply.from();
    }

    /** Whether the answer ends the path: the destination, or an unreachable. */
    public boolean terminal() {
        return reply != null && reply.terminal();
    }
}
