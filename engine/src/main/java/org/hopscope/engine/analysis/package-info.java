/**
 * Path analysis: what a trace means, in sentences a helpdesk agent can paste into a ticket.
 *
 * <p>API: {@link org.hopscope.engine.analysis.PathAnalysis#analyze(org.hopscope.engine.trace.TraceSnapshot)}
 * takes any snapshot (single-path or multipath, finished or running) and returns a list of {@link
 * org.hopscope.engine.analysis.Finding}s: a {@link org.hopscope.engine.analysis.Finding.Kind kind}
 * (closed enum, grouped into path facts, anomalies and loss verdicts), a {@link
 * org.hopscope.engine.analysis.Finding.Severity severity}, the hop and addresses, the sentence and
 * its evidence. {@link org.hopscope.engine.analysis.PathAnalysis#falseLinks} compares a classic and a
 * Paris trace of the same destination.
 *
 * <p>One class per subject, each citing its source: {@code NatAnalysis} (Dublin traceroute),
 * {@code TunnelAnalysis} (MPLS, RFC 4950, quoted TTLs), {@code TtlAnalysis} (!T0, reply TTL,
 * RFC 5837), {@code AnomalyAnalysis} (loops, cycles, diamonds, unreachables, silent hops), {@code
 * LossAnalysis} (rate limiting vs real loss, filters). The CLI prints the findings after the trace,
 * and the trace document carries them ({@code findings}, docs/trace-document.md).
 */
package org.hopscope.engine.analysis;
