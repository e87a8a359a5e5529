package org.hopscope.engine.mda;

import java.net.InetAddress;

/**
 * A node of the graph being explored, at one TTL: the prober itself (before the first TTL), an
 * answering interface, or an interface that never answers (a silent router) identified by the node
 * its flows came through. Node control (MDA) is done per node and TTL.
 */
sealed interface NodeKey {

    /** The prober: every flow starts here. */
    record Source() implements NodeKey {
        @Override
        public String toString() {
            return "source";
        }
    }

    /** An interface that answered. */
    record Addr(InetAddress address) implements NodeKey {
        @Override
        public String toString() {
            return address.getHostAddress();
        }
    }

    /**
     * Whatever lies one hop after {@code parent} and never answers: the flows through {@code parent}
     * that got no answer at the next TTL even when asked twice.
     */
    record Star(NodeKey parent) implements NodeKey {
        @Override
        public String toString() {
            return "*(" + parent + ")";
        }
    }

    NodeKey SOURCE = new Source();
}
