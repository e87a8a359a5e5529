/**
 * The multipath topology a trace shows, as immutable JSON-ready records: a DAG of interfaces
 * ({@link org.hopscope.engine.graph.Vertex}) and links ({@link org.hopscope.engine.graph.Edge}) with
 * the flows that crossed each, the TTL-by-TTL view with each interface's flows (paris-traceroute's
 * {@code addr:flow,flow} output), load balancers and their kind, and diamonds. Built from a
 * {@link org.hopscope.engine.trace.TraceSnapshot} by the pure function {@link
 * org.hopscope.engine.graph.TopologyBuilder#build}; drawn by {@link org.hopscope.engine.graph.DotWriter}.
 *
 * <p>A link is only reported when one flow answered at both ends and the flow's path up to the first
 * end was deterministic (no per-packet balancer spreading it since the last TTL with a single
 * interface); links that fail this test are kept apart as unverified, never mixed with the others.
 */
package org.hopscope.engine.graph;
