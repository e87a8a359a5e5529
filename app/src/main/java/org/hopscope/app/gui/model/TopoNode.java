package org.hopscope.app.gui.model;

import java.net.InetAddress;
import java.util.Set;
import org.hopscope.engine.trace.RttStats;

/**
 * A node of the topology: our host, an answering interface at one hop, or a silent hop ("*").
 *
 * @param address null for a silent hop
 * @param flows how many flows went through it
 */
public record TopoNode(int id, int ttl, Kind kind, InetAddress address, RttStats stats, Set<Badge> badges,
        int flows) {

    public enum Kind { SOURCE, ROUTER, SILENT, DESTINATION }

    public TopoNode {
        badges = Set.copyOf(badges);
    }

    /** Identity that survives save and re-open: hop and address. */
    public String key() {
        return kind == Kind.SOURCE ? "source" : ttl + ":" + (address == null ? "*" : address.getHostAddress());
    }
}
