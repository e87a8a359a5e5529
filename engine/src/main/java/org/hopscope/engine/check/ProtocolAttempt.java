package org.hopscope.engine.check;

import org.hopscope.engine.probe.ProbeProtocol;

/**
 * One protocol tried for the path, in fallback order (TCP to the service port, then UDP, then ICMP).
 *
 * @param protocol the probe protocol
 * @param port destination port (TCP, UDP), 0 for ICMP
 * @param ran whether a trace was run (false: the transport cannot send it, or no time was left)
 * @param reached whether that trace reached the target
 * @param lastAnsweredTtl the farthest hop that answered, 0 if none
 * @param detail why it was not run, or ""
 */
public record ProtocolAttempt(ProbeProtocol protocol, int port, boolean ran, boolean reached, int lastAnsweredTtl,
        String detail) {
}
