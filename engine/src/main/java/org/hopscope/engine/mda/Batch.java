package org.hopscope.engine.mda;

import java.util.ArrayList;
import java.util.List;

/** Probes to send together, each with why it is sent (so the ledger can say where probes went). */
final class Batch {
    final List<ProbeRequest> requests = new ArrayList<>();
    final List<ProbePurpose> purposes = new ArrayList<>();

    void add(ProbeRequest r, ProbePurpose p) {
        requests.add(r);
        purposes.add(p);
    }

    boolean isEmpty() {
        return requests.isEmpty();
    }

    int size() {
        return requests.size();
    }
}
