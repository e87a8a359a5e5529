package org.hopscope.engine.sim;

import java.net.InetAddress;

/** A link as traceroute can see it: {@code from} answers at {@code fromTtl} and {@code to} at the next TTL on one path. */
public record TrueLink(int fromTtl, InetAddress from, InetAddress to) {
}
