/**
 * Multipath discovery: the Multipath Detection Algorithm (MDA, Augustin et al., E2EMON 2007; Veitch
 * et al., INFOCOM 2009) and MDA-Lite (Vermeulen et al., "Multilevel MDA-Lite Paris Traceroute",
 * IMC 2018), run over any {@link org.hopscope.engine.transport.ProbeTransport}.
 *
 * <p>Entry point: {@link org.hopscope.engine.mda.MultipathTracer}. The algorithms only see a {@link
 * org.hopscope.engine.mda.FlowProber} (send a batch of (TTL, flow) probes, get the answers), so they
 * run unchanged against the network, the simulated network, or a test double. The stopping points
 * come from {@link org.hopscope.engine.mda.StoppingPoints}; {@link
 * org.hopscope.engine.mda.FailureBounds} gives the theoretical failure probability a validation run
 * is held to. See docs/multipath.md.
 */
package org.hopscope.engine.mda;
