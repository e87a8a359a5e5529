package org.hopscope.engine.mda;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hopscope.engine.algo.Algorithm;
import org.hopscope.engine.graph.MultipathTopology;
import org.hopscope.engine.graph.TopologyBuilder;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.probe.ProbeId;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.probe.ProbeSpec;
import org.hopscope.engine.probe.ProbeStrategies;
import org.hopscope.engine.probe.Ttl;
import org.hopscope.engine.sim.MultipathTruth;
import org.hopscope.engine.sim.SimulatedTransport;
import org.hopscope.engine.sim.Topology;
import org.hopscope.engine.sim.TrueHop;
import org.hopscope.engine.sim.TrueLink;
import org.hopscope.engine.trace.TraceSettings;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * fakeroute's validation method (probing-facts §2.6) on the simulated network: run a multipath
 * algorithm many times, each with other balancer hash keys (the topology seed), in virtual time, and
 * count the runs that missed any interface or link of the ground truth.
 */
final class Validation {
    private Validation() {
    }

    /** One trace and how it compares with the truth. */
    record Outcome(TraceSnapshot snapshot, MultipathTopology topology, MdaRun run, Set<String> missing,
            Set<String> falseLinks) {
        boolean complete() {
            return missing.isEmpty();
        }
    }

    /** Totals over many seeds. */
    record Result(String name, Algorithm algorithm, int runs, int failures, int falseLinkRuns, double meanProbes,
            long maxProbes, double bound) {
        double failureRate() {
            return (double) failures / runs;
        }

        Result renamed(String n) {
            return new Result(n, algorithm, runs, failures, falseLinkRuns, meanProbes, maxProbes, bound);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "%-22s %-10s runs %5d  failures %4d (%.4f)  bound %.4f  probes mean %7.1f max %5d%s", name,
                    algorithm.cliName(), runs, failures, failureRate(), bound, meanProbes, maxProbes,
                    falseLinkRuns > 0 ? "  FALSE LINKS in " + falseLinkRuns + " runs" : "");
        }
    }

    static Outcome once(Topology topo, String destination, Algorithm algorithm, MdaSettings mda,
            ProbeProtocol protocol) throws Exception {
        InetAddress dst = InetAddress.getByName(destination);
        SimulatedTransport transport = new SimulatedTransport(topo, SimulatedTransport.Clock.VIRTUAL);
        TraceSettings settings = TraceSettings.builder(destination).algorithm(algorithm).protocol(protocol)
                .maxMissingHops(3).build();
        MultipathTracer tracer = new MultipathTracer(settings, mda, transport, dst);
        TraceSnapshot snap = tracer.run();
        MultipathTopology model = TopologyBuilder.build(snap);
        MultipathTruth truth = topo.multipathTruth(template(settings, snap.sourceAddress(), dst));
        if (mda.mergeConverged()) {
            return byAddress(topo, snap, model, truth, tracer.report());
        }
        Set<String> missing = new LinkedHashSet<>();
        for (int ttl = 1; ttl <= truth.maxTtl(); ttl++) {
            Set<InetAddress> found = model.interfacesAt(ttl);
            for (InetAddress a : truth.interfacesAtTtl(ttl)) {
                if (!found.contains(a)) {
                    missing.add("interface " + a.getHostAddress() + " at TTL " + ttl);
                }
            }
        }
        Set<MultipathTopology.Link> links = model.links();
        Set<MultipathTopology.Link> expected = new LinkedHashSet<>();
        for (TrueLink l : truth.links()) {
            MultipathTopology.Link k = new MultipathTopology.Link(l.fromTtl(), l.from(), l.to());
            expected.add(k);
            if (!links.contains(k)) {
                missing.add("link " + l.from().getHostAddress() + " -> " + l.to().getHostAddress() + " at TTL "
                        + l.fromTtl());
            }
        }
        Set<String> falseLinks = new LinkedHashSet<>();
        for (MultipathTopology.Link l : links) {
            boolean fromProber = l.fromTtl() == 0 && l.from().equals(snap.sourceAddress());
            if (fromProber ? !topo.isLink(l.from(), l.to()) : !expected.contains(l) || !topo.isLink(l.from(), l.to())) {
                falseLinks.add(l.from().getHostAddress() + " -> " + l.to().getHostAddress() + " at TTL " + l.fromTtl());
            }
        }
        return new Outcome(snap, model, tracer.report(), missing, falseLinks);
    }

    /**
     * With {@link MdaSettings#mergeConverged()} an interface's successors are explored from its
     * earliest TTL only, so the truth is compared by address: every interface, every link (from, to)
     * at some TTL; a link no true path has, at any TTL, is false.
     */
    private static Outcome byAddress(Topology topo, TraceSnapshot snap, MultipathTopology model, MultipathTruth truth,
            MdaRun run) {
        Set<InetAddress> found = new LinkedHashSet<>();
        Set<String> foundLinks = new LinkedHashSet<>();
        for (int ttl = 1; ttl <= Math.max(truth.maxTtl(), snap.settings().maxTtl()); ttl++) {
            found.addAll(model.interfacesAt(ttl));
        }
        model.links().forEach(l -> foundLinks.add(l.from().getHostAddress() + " -> " + l.to().getHostAddress()));
        Set<String> missing = new LinkedHashSet<>();
        Set<String> expected = new LinkedHashSet<>();
        for (int ttl = 1; ttl <= truth.maxTtl(); ttl++) {
            for (InetAddress a : truth.interfacesAtTtl(ttl)) {
                if (!found.contains(a)) {
                    missing.add("interface " + a.getHostAddress());
                }
            }
        }
        for (TrueLink l : truth.links()) {
            String k = l.from().getHostAddress() + " -> " + l.to().getHostAddress();
            expected.add(k);
            if (!foundLinks.contains(k)) {
                missing.add("link " + k);
            }
        }
        Set<String> falseLinks = new LinkedHashSet<>();
        for (MultipathTopology.Link l : model.links()) {
            String k = l.from().getHostAddress() + " -> " + l.to().getHostAddress();
            boolean fromProber = l.fromTtl() == 0 && l.from().equals(snap.sourceAddress());
            if (fromProber ? !topo.isLink(l.from(), l.to()) : !expected.contains(k) || !topo.isLink(l.from(), l.to())) {
                falseLinks.add(k + " at TTL " + l.fromTtl());
            }
        }
        return new Outcome(snap, model, run, missing, falseLinks);
    }

    static Result many(String name, Topology base, String destination, Algorithm algorithm, MdaSettings mda,
            int runs, long firstSeed) throws Exception {
        int failures = 0;
        int falseRuns = 0;
        long total = 0;
        long max = 0;
        for (int i = 0; i < runs; i++) {
            Outcome o = once(base.withSeed(firstSeed + i), destination, algorithm, mda, ProbeProtocol.UDP);
            failures += o.complete() ? 0 : 1;
            falseRuns += o.falseLinks().isEmpty() ? 0 : 1;
            total += o.run().probesSent();
            max = Math.max(max, o.run().probesSent());
        }
        List<List<InetAddress>> paths = truthPaths(base, destination);
        double bound = algorithm == Algorithm.EXHAUSTIVE ? FailureBounds.mda(paths, mda)
                : FailureBounds.mdaLite(paths, mda);
        return new Result(name, algorithm, runs, failures, falseRuns, (double) total / runs, max, bound);
    }

    /**
     * {@code runs} random topologies ({@link TopologyGenerator#random}, seeds from {@code firstSeed}),
     * one trace each; the bound is the mean of their theoretical failure probabilities (the expected
     * failure count of a sum of Bernoulli trials).
     */
    static Result random(Algorithm algorithm, MdaSettings mda, int runs, long firstSeed) throws Exception {
        int failures = 0;
        int falseRuns = 0;
        long total = 0;
        long max = 0;
        double boundSum = 0;
        for (int i = 0; i < runs; i++) {
            Topology topo = Topology.parse(TopologyGenerator.random(firstSeed + i), "random").withSeed(firstSeed + i);
            Outcome o = once(topo, TopologyGenerator.DESTINATION, algorithm, mda, ProbeProtocol.UDP);
            failures += o.complete() ? 0 : 1;
            falseRuns += o.falseLinks().isEmpty() ? 0 : 1;
            total += o.run().probesSent();
            max = Math.max(max, o.run().probesSent());
            List<List<InetAddress>> paths = truthPaths(topo, TopologyGenerator.DESTINATION);
            boundSum += algorithm == Algorithm.EXHAUSTIVE ? FailureBounds.mda(paths, mda)
                    : FailureBounds.mdaLite(paths, mda);
        }
        return new Result("random", algorithm, runs, failures, falseRuns, (double) total / runs, max, boundSum / runs);
    }

    static List<List<InetAddress>> truthPaths(Topology topo, String destination) throws Exception {
        InetAddress dst = InetAddress.getByName(destination);
        TraceSettings settings = TraceSettings.builder(destination).build();
        InetAddress src = topo.sourceAddress(dst instanceof java.net.Inet6Address).orElseThrow();
        MultipathTruth truth = topo.multipathTruth(template(settings, src, dst));
        List<List<InetAddress>> paths = new ArrayList<>();
        for (List<TrueHop> p : truth.paths()) {
            List<InetAddress> l = new ArrayList<>();
            for (TrueHop h : p) {
                l.add(h.answers() ? h.address() : null);
            }
            paths.add(l);
        }
        return paths;
    }

    static byte[] template(TraceSettings settings, InetAddress src, InetAddress dst) {
        return ProbeStrategies.forSettings(settings)
                .craft(new ProbeSpec(src, dst, Ttl.of(1), FlowId.of(0), ProbeId.of(1), 0)).packet();
    }

    /**
     * The largest failure count still consistent with probability {@code p} over {@code n} runs:
     * the smallest c with P(X > c) < {@code alpha} for X ~ Binomial(n, p). With alpha = 0.00135 this
     * is the one-sided 3-sigma bound, exact rather than normal-approximated.
     */
    static int binomialUpper(int n, double p, double alpha) {
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double cdf = 0;
        double logChoose = 0;
        for (int c = 0; c <= n; c++) {
            if (c > 0) {
                logChoose += Math.log(n - c + 1) - Math.log(c);
            }
            cdf += Math.exp(logChoose + c * logP + (n - c) * logQ);
            if (1 - cdf < alpha) {
                return c;
            }
        }
        return n;
    }
}
