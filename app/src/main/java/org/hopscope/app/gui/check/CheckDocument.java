package org.hopscope.app.gui.check;

import java.util.List;

/**
 * A check report as the GUI shows it: the {@code hopscope-check} v1 JSON (docs/check.md) read back.
 * Status, reason and segment keep the report's lower-case words ("good", "packet_loss", "isp_edge").
 *
 * @param started ISO-8601 instant the check started
 * @param status overall status
 * @param json the report as read (exported again unchanged when the report was opened from a file)
 */
public record CheckDocument(String started, long durationMs, long budgetMs, String status, Machine machine,
        String transport, List<Target> targets, String json) {

    public CheckDocument {
        targets = List.copyOf(targets);
    }

    /** "2026-12-06 04:31:44 UTC" (the report's instant, to the second), or the raw text if unparsable. */
    public String startedText() {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", java.util.Locale.ROOT)
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.parse(started));
        } catch (RuntimeException e) {
            return String.valueOf(started);
        }
    }

    /** The user's machine; addresses are already masked when {@code masked}. */
    public record Machine(boolean masked, String os, String hostName, String iface, String localAddress,
            String gateway, List<String> dnsServers) {
        public Machine {
            dnsServers = List.copyOf(dnsServers);
        }
    }

    /** One target: its verdicts, its measured hops and its full trace (a trace document), if traced. */
    public record Target(String target, String address, String status, String dns, String connect,
            List<Verdict> verdicts, String protocol, long rounds, boolean reached, List<Hop> hops,
            String traceJson, String pathDetail) {
        public Target {
            verdicts = List.copyOf(verdicts);
            hops = List.copyOf(hops);
        }

        public boolean hasTrace() {
            return traceJson != null;
        }
    }

    /** One segment's verdict; {@code ttls} are the hops it covers (the evidence). */
    public record Verdict(String segment, String status, String reason, String sentence, List<Integer> ttls) {
        public Verdict {
            ttls = List.copyOf(ttls);
        }

        /** "Local network", "ISP edge", ... */
        public String label() {
            return switch (segment) {
                case "local_network" -> "Local network";
                case "isp_edge" -> "ISP edge";
                case "transit" -> "Transit";
                case "destination_network" -> "Destination network";
                case "service" -> "Service";
                default -> segment;
            };
        }

        /** "hop 1", "hops 2–3", or "" when the segment covers no hop. */
        public String hopsText() {
            if (ttls.isEmpty()) {
                return "";
            }
            int lo = ttls.stream().mapToInt(Integer::intValue).min().getAsInt();
            int hi = ttls.stream().mapToInt(Integer::intValue).max().getAsInt();
            return lo == hi ? "hop " + lo : "hops " + lo + "–" + hi;
        }
    }

    /** One hop of the measured path (its first address). */
    public record Hop(int ttl, String address, String name, long sent, long received, double lossPercent,
            double avgMs, String segment) {
    }
}
