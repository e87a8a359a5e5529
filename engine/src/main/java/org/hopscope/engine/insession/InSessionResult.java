package org.hopscope.engine.insession;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/** Every probe of an InSession trace, and the views a report needs. */
public record InSessionResult(InetAddress target, int port, List<InSessionProbe> probes, List<Integer> sourcePorts,
        boolean timestamps) {

    public InSessionResult {
        probes = List.copyOf(probes);
        sourcePorts = List.copyOf(sourcePorts);
    }

    /** The smallest TTL at which a probe reached the destination (its SACK came back). */
    public OptionalInt destinationTtl() {
        return probes.stream().filter(p -> p.answer().map(a -> a.kind() == InSessionProbe.Kind.DESTINATION).orElse(false))
                .mapToInt(InSessionProbe::ttl).min();
    }

    public boolean reached() {
        return destinationTtl().isPresent();
    }

    /** TTLs 1..destination (or the highest probed), each with its probes. */
    public List<Hop> hops() {
        int last = destinationTtl().orElse(probes.stream().mapToInt(InSessionProbe::ttl).max().orElse(0));
        List<Hop> hops = new ArrayList<>();
        for (int ttl = 1; ttl <= last; ttl++) {
            final int t = ttl;
            hops.add(new Hop(ttl, probes.stream().filter(p -> p.ttl() == t).toList()));
        }
        return hops;
    }

    /** One TTL: its probes; {@link #responders()} in order of first answer. */
    public record Hop(int ttl, List<InSessionProbe> probes) {
        public Set<InetAddress> responders() {
            Set<InetAddress> s = new LinkedHashSet<>();
            probes.forEach(p -> p.answer().ifPresent(a -> s.add(a.from())));
            return s;
        }

        public long answered() {
            return probes.stream().filter(p -> p.answer().isPresent()).count();
        }
    }
}
