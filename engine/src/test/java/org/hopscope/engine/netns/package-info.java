/**
 * The real-network test harness: a small network of Linux network namespaces ({@code LabTopology};
 * 198.18.0.0/15 and 2001:db8::/32 only, names hs-RUNID-ROLE, deleted by name), the helper installed
 * with cap_net_raw ({@code InstalledHelper}) and run as an unprivileged user ({@code TestUser}),
 * child JVMs inside a namespace ({@code ChildJvm}, {@code TraceMain}), captures ({@code Capture}) and
 * the topology's ground truth ({@code Truth}). {@code RealTraceBench} is the benchmark behind
 * bench/real-trace-bench.sh. Public API used by other test packages: add to it, do not rename.
 */
package org.hopscope.engine.netns;
