package org.hopscope.engine.mda;

import java.util.List;
import org.hopscope.engine.transport.TransportException;

/**
 * MDA-Lite (Vermeulen, Strowes, Fourmaux, Friedman, "Multilevel MDA-Lite Paris Traceroute", IMC 2018;
 * MMLPT {@code Algorithm/MDALite.py}), {@code -a lite}, the default for multipath traces. TTL by TTL:
 *
 * <ol>
 *   <li>the hop-level stopping rule ({@link HopLevel}) with the previous TTL's flows, no node control;</li>
 *   <li>links proven by one flow at both ends ({@link Reconnect});</li>
 *   <li>the meshing test ({@link MeshingTest}): a meshed pair switches to full MDA node control until
 *       the diamond closes (a TTL with one node);</li>
 *   <li>otherwise, if the TTL's nodes are not equally likely ({@link Uniformity}), node control for
 *       this TTL only, since the hop-level rule assumes they are;</li>
 *   <li>per-packet or per-flow classification of nodes with several next hops ({@link BalancerTest}).</li>
 * </ol>
 *
 * Stops as {@link ExhaustiveMda} does. On unmeshed width-symmetric diamonds its failure probability
 * per TTL is that of a K-way balancer; the probes it saves are the node control flows MDA spends
 * getting flows through each node of wide hops.
 */
final class MdaLite {
    private final Exploration x;
    private final HopLevel hopLevel;
    private final Reconnect reconnect;
    private final MeshingTest meshing;
    private final Uniformity uniformity;
    private final NodeControl control;
    private final BalancerTest balancers;

    MdaLite(Exploration x) {
        this.x = x;
        this.hopLevel = new HopLevel(x);
        this.reconnect = new Reconnect(x);
        this.meshing = new MeshingTest(x);
        this.uniformity = new Uniformity(x);
        this.control = new NodeControl(x);
        this.balancers = new BalancerTest(x);
    }

    void run() throws TransportException, InterruptedException {
        List<Integer> sample = List.of();
        boolean meshedMode = false;
        int silentRun = 0;
        int last = x.firstTtl - 1;
        for (int ttl = x.firstTtl; ttl <= x.maxTtl && x.canContinue(); ttl++) {
            if (meshedMode) {
                control.satisfy(ttl - 1);
                x.nodeControlTtls.add(ttl);
            } else {
                sample = hopLevel.probe(ttl, sample);
            }
            reconnect.run(ttl);
            if (!meshedMode && meshing.meshed(ttl)) {
                meshedMode = true;
                x.meshedTtls.add(ttl);
                control.satisfy(ttl - 1);
                x.nodeControlTtls.add(ttl);
                reconnect.run(ttl);
            }
            if (!meshedMode && !uniformity.uniform(ttl)) {
                control.satisfy(ttl - 1);
                x.nodeControlTtls.add(ttl);
                reconnect.run(ttl);
                uniformity.uniform(ttl);
            }
            // Classified one TTL late: the flows probed at ttl are evidence about the balancers at ttl - 2.
            balancers.classify(ttl - 2);
            if (meshedMode) {
                sample = hopLevel.allCrossing(ttl);
                if (x.layers.nodes(ttl).size() <= 1) {
                    meshedMode = false; // the diamond has closed: flows spread evenly again
                }
            }
            if (x.allTerminal(ttl)) {
                balancers.classify(ttl - 1);
                return;
            }
            silentRun = x.silent(ttl) ? silentRun + 1 : 0;
            if (silentRun >= x.maxMissingHops) {
                balancers.classify(ttl - 1);
                return;
            }
            last = ttl;
        }
        balancers.classify(last - 1);
    }
}
