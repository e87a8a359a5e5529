package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * What the flows through one node showed one TTL further: the state of its MDA stopping rule.
 *
 * @param next addresses that answered at the next TTL
 * @param answered flows that got an answer there
 * @param silent flows that got none even when asked twice (or all did: a silent next hop); together
 *     they stand for one more next hop that never answers
 * @param retry flows that got no answer once while other flows did: asked again before deciding
 * @param unprobed flows through the node not yet sent at the next TTL
 * @param probes probes sent at the next TTL with flows through the node
 */
record Fanout(Set<InetAddress> next, int answered, int silent, List<Integer> retry, List<Integer> unprobed,
        int probes) {

    /** Next hops seen, a silent one counted once. */
    int k() {
        return next.size() + (silent > 0 ? 1 : 0);
    }

    /** Flows known to have reached some next hop. */
    int reached() {
        return answered + silent;
    }
}
