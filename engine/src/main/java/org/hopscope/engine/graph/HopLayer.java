package org.hopscope.engine.graph;

import java.util.List;

/**
 * Every interface that answered at one TTL.
 *
 * @param probes probes sent at this TTL
 * @param unanswered of which got no answer
 */
public record HopLayer(int ttl, List<HopInterface> interfaces, int probes, int unanswered) {
    public HopLayer {
        interfaces = List.copyOf(interfaces);
    }
}
