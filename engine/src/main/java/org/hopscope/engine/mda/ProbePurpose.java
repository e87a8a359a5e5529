package org.hopscope.engine.mda;

/** Why a multipath probe was sent, for the per-TTL accounting in {@link MdaRun#ledger()}. */
public enum ProbePurpose {
    /** MDA-Lite's hop-level sample, or a fresh flow sent to the next TTL of a single-node hop. */
    DISCOVERY,
    /** A flow known to cross a node, sent to the next TTL for that node's stopping rule. */
    NODE_CONTROL,
    /** A new flow sent at a node's own TTL to find flows through it (bringing flows forward). */
    BRING_FORWARD,
    /** A flow that went unanswered, asked again. */
    RETRY,
    /** One flow sent one hop back or forward to prove a link. */
    RECONNECT,
    /** MDA-Lite's meshing test. */
    MESHING,
    /** Resends of one flow to tell per-flow from per-packet balancing. */
    CLASSIFY
}
