package org.hopscope.engine.mda;

import org.hopscope.engine.transport.TransportException;

/**
 * The full Multipath Detection Algorithm ({@code -a exhaustive}): TTL by TTL, every node's next hops
 * are probed under node control until the stopping rule holds for it ({@link NodeControl}), then
 * nodes with several next hops are classified per-flow or per-packet ({@link BalancerTest}). Ends
 * when every path has reached the destination or an unreachable, after {@code maxMissingHops}
 * consecutive TTLs where nothing answers, at the maximum TTL, or when the probe budget is spent.
 */
final class ExhaustiveMda {
    /** Times a TTL is revisited when probing the next one uncovered a node it had missed. */
    private static final int MAX_REVISITS = 3;

    private final Exploration x;
    private final NodeControl control;
    private final BalancerTest balancers;
    private final Reconnect reconnect;

    ExhaustiveMda(Exploration x) {
        this.x = x;
        this.control = new NodeControl(x);
        this.balancers = new BalancerTest(x);
        this.reconnect = new Reconnect(x);
    }

    void run() throws TransportException, InterruptedException {
        int silentRun = 0;
        int last = x.layers.sourceTtl() - 1;
        for (int ttl = x.layers.sourceTtl(); ttl < x.maxTtl && x.canContinue(); ttl++) {
            satisfyWithRevisits(ttl);
            // Flows sent straight past a node every flow crosses prove no link to it, nor do new flows
            // that found a node of this TTL while being brought forward: one more probe each does.
            if (ttl > x.layers.sourceTtl()) {
                reconnect.run(ttl);
            }
            reconnect.run(ttl + 1);
            // Classified one TTL late: the flows probed at ttl + 1 are evidence about the balancers at ttl - 1.
            balancers.classify(ttl - 1);
            x.nodeControlTtls.add(ttl + 1);
            last = ttl;
            if (x.allTerminal(ttl + 1)) {
                break;
            }
            silentRun = x.silent(ttl + 1) ? silentRun + 1 : 0;
            if (silentRun >= x.maxMissingHops) {
                break;
            }
        }
        balancers.classify(last);
    }

    /**
     * Bringing flows forward probes new flows at {@code ttl} itself, which may land on a node of that
     * TTL nobody had seen: its parents then have one more next hop and need more flows. So the
     * previous TTL is satisfied again (a few times at most) before going on.
     */
    private void satisfyWithRevisits(int ttl) throws TransportException, InterruptedException {
        for (int i = 0; i <= MAX_REVISITS; i++) {
            int before = x.obs.addresses(ttl).size();
            control.satisfy(ttl);
            if (x.obs.addresses(ttl).size() == before || ttl - 1 < x.layers.sourceTtl()) {
                return;
            }
            control.satisfy(ttl - 1);
        }
    }
}
