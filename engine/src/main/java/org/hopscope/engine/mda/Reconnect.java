package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hopscope.engine.transport.TransportException;

/**
 * Proves the links between two consecutive TTLs with one flow each: a node of the later TTL no flow
 * of the earlier one reached gets one of its flows sent one hop back; a node of the earlier TTL whose
 * flows were not sent further gets one sent one hop forward (MMLPT's {@code
 * reconnect_flows_ttl_predecessor/_successor}). A link is only ever reported when one flow answered
 * at both ends; none is inferred from a TTL having a single node, so a node the stopping rule missed
 * cannot turn into a false link.
 */
final class Reconnect {
    private static final int ATTEMPTS = 3;

    private final Exploration x;

    Reconnect(Exploration x) {
        this.x = x;
    }

    /** Links between {@code ttl - 1} and {@code ttl}. */
    void run(int ttl) throws TransportException, InterruptedException {
        if (ttl - 1 < x.firstTtl) {
            return;
        }
        for (int attempt = 0; attempt < ATTEMPTS && x.canContinue(); attempt++) {
            PairEvidence e = PairEvidence.between(x.obs, ttl - 1);
            List<ProbeRequest> requests = new ArrayList<>();
            Set<Integer> queued = new LinkedHashSet<>();
            if (!x.obs.addresses(ttl - 1).isEmpty()) {
                for (InetAddress b : x.obs.addresses(ttl)) {
                    if (e.inDegree(b) == 0) {
                        pick(x.obs.flowsAnswering(ttl, b), ttl - 1, queued, requests);
                    }
                }
            }
            if (!x.obs.addresses(ttl).isEmpty()) {
                for (InetAddress a : x.obs.addresses(ttl - 1)) {
                    if (e.outDegree(a) == 0 && !x.obs.terminal(ttl - 1, a) && !x.obs.seenBefore(a, ttl - 1)) {
                        pick(x.obs.flowsAnswering(ttl - 1, a), ttl, queued, requests);
                    }
                }
            }
            if (requests.isEmpty()) {
                return;
            }
            x.send(requests, false, ProbePurpose.RECONNECT);
        }
    }

    /** Queues the first of {@code flows} not yet sent at {@code ttl}. */
    private void pick(List<Integer> flows, int ttl, Set<Integer> queued, List<ProbeRequest> requests) {
        for (int f : flows) {
            if (!x.obs.probed(ttl, f) && !x.obs.endedBefore(f, ttl) && queued.add(f)) {
                requests.add(ProbeRequest.of(ttl, f));
                return;
            }
        }
    }
}
