package org.hopscope.engine.probe;

import org.hopscope.engine.trace.SentFields;

/**
 * A probe ready for the wire.
 *
 * @param packet the complete IP packet
 * @param fields the header values it carries
 * @param key the value of its identity field (see {@link ProbeStrategy#keysFromQuote})
 */
public record CraftedProbe(byte[] packet, SentFields fields, int key) {
}
