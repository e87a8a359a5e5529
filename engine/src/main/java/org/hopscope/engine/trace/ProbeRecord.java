package org.hopscope.engine.trace;

import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.ProbeId;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.probe.Ttl;

/**
 * One probe and what became of it. Immutable: a new record replaces the old when the probe is
 * answered or times out.
 *
 * @param sequence order in which the trace sent its probes, from 0
 * @param column which of the q probes at its TTL this is (0..q-1), as in traceroute's output
 * @param sentNanos send time in the transport's clock
 * @param sentEpochMicros send time, wall clock, microseconds since the epoch (for documents)
 * @param reply the reply, or null unless {@code outcome == ANSWERED}
 * @param error why sending failed, or null unless {@code outcome == SEND_FAILED}
 */
public record ProbeRecord(
        long sequence,
        ProbeId probeId,
        FlowId flowId,
        Ttl ttl,
        int column,
        ProbeProtocol protocol,
        SentFields sent,
        long sentNanos,
        long sentEpochMicros,
        ProbeOutcome outcome,
        Reply reply,
        String error) {

    public ProbeRecord answered(Reply r) {
        return new ProbeRecord(sequence, probeId, flowId, ttl, column, protocol, sent, sentNanos,
                sentEpochMicros, ProbeOutcome.ANSWERED, r, null);
    }

    public ProbeRecord timedOut() {
        return new ProbeRecord(sequence, probeId, flowId, ttl, column, protocol, sent, sentNanos,
                sentEpochMicros, ProbeOutcome.TIMED_OUT, null, null);
    }

    public ProbeRecord failed(String why) {
        return new ProbeRecord(sequence, probeId, flowId, ttl, column, protocol, sent, sentNanos,
                sentEpochMicros, ProbeOutcome.SEND_FAILED, null, why);
    }

    public ProbeRecord abandoned() {
        return new ProbeRecord(sequence, probeId, flowId, ttl, column, protocol, sent, sentNanos,
                sentEpochMicros, ProbeOutcome.ABANDONED, null, null);
    }

    public ProbeRecord sentAt(long nanos) {
        return new ProbeRecord(sequence, probeId, flowId, ttl, column, protocol, sent, nanos,
                sentEpochMicros, outcome, reply, error);
    }

    public boolean isAnswered() {
        return outcome == ProbeOutcome.ANSWERED;
    }
}
