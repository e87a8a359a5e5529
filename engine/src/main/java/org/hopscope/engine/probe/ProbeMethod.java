package org.hopscope.engine.probe;

/**
 * How probes carry their identity.
 *
 * <ul>
 *   <li>{@link #CLASSIC}: identity in a field load balancers hash (UDP destination port, ICMP sequence
 *       with its natural checksum, TCP source port), so every probe may take another path, as
 *       traceroute(8) does. Kept for comparison: it is what produces false links and loops.</li>
 *   <li>{@link #PARIS}: every hashed field is held constant per flow; identity goes in the UDP
 *       checksum (payload compensates), the ICMP sequence (a payload word keeps the checksum
 *       constant) or the TCP sequence number. The IPv4 ID repeats the UDP checksum, Dublin-style,
 *       so a probe can still be recognised behind a NAT that rewrote the checksum.</li>
 * </ul>
 */
public enum ProbeMethod {
    CLASSIC, PARIS
}
