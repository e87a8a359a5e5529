/**
 * The helpdesk connectivity check: "is it the user's network, their ISP, the transit, or the service?"
 * in one bounded run, with a report to attach to a ticket (docs/check.md).
 *
 * <h2>Running it</h2>
 * <pre>
 * ConnectivityCheck check = new ConnectivityCheck(CheckSettings.defaults().withBudget(Duration.ofSeconds(30)),
 *         EnvironmentDiscovery.system()::discover,                 // gateway, resolvers, local address
 *         () -&gt; TransportChooser.system().choose(ProbeProtocol.UDP).transport()); // one transport per target
 * check.onTarget(t -&gt; ...);                                        // progress, on the target's thread
 * check.enrichment(enricher, Duration.ofSeconds(3));                // optional: names, ASNs, AS-cut segments
 * CheckReport report = check.run(List.of(CheckTarget.parse("intranet.example:443"), ...)); // blocks
 * </pre>
 * {@link org.hopscope.engine.check.SimulatedCheck#create} runs the same against a simulated network
 * (the GUI's demo). {@code run} blocks for the budget (plus at most
 * {@link org.hopscope.engine.check.ConnectivityCheck#worstCaseOverrun()}): call it off the FX thread.
 * Default targets live in the user's settings: {@link org.hopscope.engine.check.CheckTargetList}.
 *
 * <h2>Reading the result (for the GUI button and the report PNG)</h2>
 * {@link org.hopscope.engine.check.CheckReport}: {@code status()} (overall {@link
 * org.hopscope.engine.check.Status}: GOOD / DEGRADED / BROKEN, UNKNOWN if nothing measured),
 * {@code environment()} (OS, interface, local address, gateway, DNS servers), {@code targets()}. Per
 * {@link org.hopscope.engine.check.TargetCheck}: {@code verdicts()} has one {@link
 * org.hopscope.engine.check.SegmentVerdict} per {@link org.hopscope.engine.check.SegmentKind} in path
 * order (LOCAL_NETWORK, ISP_EDGE, TRANSIT, DESTINATION_NETWORK, SERVICE): {@code status()}, {@code
 * reason()} ({@link org.hopscope.engine.check.Reason}, the category to colour or icon by), {@code
 * sentence()} (one plain sentence to print), {@code ttls()} (the hops it covers: link them to the hop
 * table). {@code path()} holds the measured {@link org.hopscope.engine.check.PathMeasurement}: its
 * {@code trace()} is an ordinary {@code TraceSnapshot} (aggregate of every round: per-hop loss and
 * RTT), so the existing hop table and topology views draw it as they are. {@code dns()} and {@code
 * connect()} give the timings.
 *
 * <p>{@link org.hopscope.engine.check.CheckReportWriter} writes the JSON report ({@code hopscope-check}
 * v1, each target's full trace embedded as a trace document) and the text summary for the ticket body;
 * {@link org.hopscope.engine.check.PrivacyMask#ON} hides the machine's name and host bits of its address.
 * A PNG export renders the same fields.
 *
 * <h2>Verdict rules</h2>
 * {@code SegmentJudge} (self-contained; to be re-pointed at the analysis package's loss/latency
 * attribution later): loss counts against a segment only when it persists to every later hop; the
 * segment where it starts gets PACKET_LOSS, later ones stay GOOD; a hop losing only its own replies is
 * GOOD with LOSS_NOT_PERSISTENT (ICMP rate limiting). Segments are cut by position, or by AS when
 * {@link org.hopscope.engine.check.ConnectivityCheck#asNumbers} is given (enrichment).
 */
package org.hopscope.engine.check;
