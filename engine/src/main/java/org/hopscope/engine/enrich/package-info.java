/**
 * Enrichment of the addresses a trace finds: reverse DNS names, origin AS numbers and names (Team
 * Cymru's DNS interface), labels for private and reserved ranges, and optional GeoIP from a
 * user-supplied {@code .mmdb} file.
 *
 * <p>Everything here runs beside a trace, never in its way: {@link org.hopscope.engine.enrich.Enricher}
 * takes addresses without blocking, looks them up on its own executor with bounded concurrency,
 * timeouts and a cache, and publishes each result to its listeners. Readers (CLI text and JSON, the
 * GUI table) take an immutable {@link org.hopscope.engine.enrich.Enrichment} whenever they draw.
 * Numeric mode ({@code -n}) turns every DNS lookup off; range labels and a local GeoIP file still
 * work, as they need no network.
 *
 * <p>{@link org.hopscope.engine.enrich.AsSegments} groups consecutive hops by AS for the topology view.
 */
package org.hopscope.engine.enrich;
