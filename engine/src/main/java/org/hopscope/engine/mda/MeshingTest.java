package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.transport.TransportException;

/**
 * MDA-Lite's meshing test (Vermeulen et al., IMC 2018, §3.2; MMLPT {@code -f}): between two TTLs with
 * two or more nodes each, every node gets {@code phi} of its flows (2 by default) sent one hop back
 * when the later TTL is at least as wide (a "divergent" pair: a mesh shows as a node with two
 * predecessors), else one hop forward (a convergent pair: a mesh shows as a node with two successors).
 */
final class MeshingTest {
    private final Exploration x;

    MeshingTest(Exploration x) {
        this.x = x;
    }

    /** Whether the pair ({@code ttl - 1}, {@code ttl}) is meshed. */
    boolean meshed(int ttl) throws TransportException, InterruptedException {
        int before = x.obs.addresses(ttl - 1).size();
        int after = x.obs.addresses(ttl).size();
        if (ttl - 1 < x.firstTtl || before < 2 || after < 2) {
            return false;
        }
        int phi = x.settings.meshingFlows();
        List<ProbeRequest> requests = new ArrayList<>();
        if (after >= before) {
            for (InetAddress b : x.obs.addresses(ttl)) {
                add(x.obs.flowsAnswering(ttl, b), ttl - 1, phi, requests);
            }
        } else {
            for (InetAddress a : x.obs.addresses(ttl - 1)) {
                if (!x.obs.terminal(ttl - 1, a) && !x.obs.seenBefore(a, ttl - 1)) {
                    add(x.obs.flowsAnswering(ttl - 1, a), ttl, phi, requests);
                }
            }
        }
        x.send(requests, false, ProbePurpose.MESHING);
        return PairEvidence.between(x.obs, ttl - 1).meshed();
    }

    /** Queues flows not yet sent at {@code ttl} until {@code phi} of them have been. */
    private void add(List<Integer> flows, int ttl, int phi, List<ProbeRequest> requests) {
        int sent = 0;
        for (int f : flows) {
            if (x.obs.probed(ttl, f)) {
                sent++;
            }
        }
        for (int f : flows) {
            if (sent >= phi) {
                return;
            }
            if (!x.obs.probed(ttl, f) && !x.obs.endedBefore(f, ttl)) {
                requests.add(ProbeRequest.of(ttl, f));
                sent++;
            }
        }
    }
}
