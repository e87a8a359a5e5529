package org.hopscope.engine.check;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hopscope.engine.transport.ProbeTransport;
import org.hopscope.engine.transport.TransportException;

/**
 * The helpdesk connectivity check: discovers the gateway and resolvers, then for every target in
 * parallel resolves the name (timed), connects to its TCP port (timed) and traces the path with
 * protocol fallback and continuous rounds until the budget ends; finally judges each segment. Bounded:
 * the whole run ends within the budget plus the slowest DNS/connect timeout and one probe wait.
 */
public final class ConnectivityCheck {
    /** Opens one probing transport per target (parallel traces never share one). */
    @FunctionalInterface
    public interface TransportFactory {
        ProbeTransport open() throws TransportException;
    }

    /** Makes the TCP connect; {@link TcpConnect#run} on a real network. */
    @FunctionalInterface
    public interface Connector {
        TcpConnect connect(InetSocketAddress address, Duration timeout);
    }

    private final CheckSettings settings;
    private final java.util.function.Supplier<NetworkEnvironment> discovery;
    private final TransportFactory transports;
    private Function<String, NameResolution> names; // null: the environment's resolvers (NameTimer)
    private Connector connector = TcpConnect::run;
    private Function<InetAddress, OptionalLong> asn = a -> OptionalLong.empty();
    private Consumer<TargetCheck> progress = t -> { };
    private org.hopscope.engine.enrich.Enricher enricher;
    private Duration enrichWait = Duration.ZERO;

    /** {@code discovery}: e.g. {@code EnvironmentDiscovery.system()::discover}. */
    public ConnectivityCheck(CheckSettings settings, java.util.function.Supplier<NetworkEnvironment> discovery,
            TransportFactory transports) {
        this.settings = settings;
        this.discovery = discovery;
        this.transports = transports;
    }

    /** AS numbers of addresses (e.g. from an enricher's snapshot), to cut segments at AS borders. */
    public ConnectivityCheck asNumbers(Function<InetAddress, OptionalLong> f) {
        this.asn = f;
        return this;
    }

    /**
     * Names and AS numbers for the report and AS-based segments: after each path is measured its
     * addresses are looked up, waiting at most {@code maxWait}; what is not known by then stays
     * positional. The caller keeps and closes the enricher.
     */
    public ConnectivityCheck enrichment(org.hopscope.engine.enrich.Enricher e, Duration maxWait) {
        this.enricher = e;
        this.enrichWait = maxWait;
        return this;
    }

    /** Another name resolution (e.g. a simulated network's node names); must be bounded in time. */
    public ConnectivityCheck names(Function<String, NameResolution> f) {
        this.names = f;
        return this;
    }

    /** Another TCP connect (e.g. a simulated network's open ports). */
    public ConnectivityCheck connector(Connector c) {
        this.connector = c;
        return this;
    }

    /** Told as each target finishes, on that target's thread. */
    public ConnectivityCheck onTarget(Consumer<TargetCheck> c) {
        this.progress = c;
        return this;
    }

    public CheckReport run(List<CheckTarget> targets) throws InterruptedException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        long deadline = t0 + settings.budget().toNanos();
        NetworkEnvironment env = discovery.get();
        List<InetSocketAddress> servers = settings.dnsServers().isEmpty()
                ? env.dnsServers().stream().map(a -> new InetSocketAddress(a, 53)).toList()
                : settings.dnsServers();
        Function<String, NameResolution> resolver = this.names != null ? this.names
                : new NameTimer(servers, settings.dnsTimeout(), settings.dnsAttempts())::resolve;
        String[] transportSummary = {""};
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, targets.size()), r -> {
            Thread t = new Thread(r, "hopscope-check");
            t.setDaemon(true);
            return t;
        });
        List<CompletableFuture<TargetCheck>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < targets.size(); i++) {
                CheckTarget target = targets.get(i);
                int sourcePort = 33456 + 16 * (i + 1); // distinct flows and sockets per target
                futures.add(CompletableFuture.supplyAsync(() -> {
                    TargetCheck r = one(target, resolver, env, sourcePort, deadline, transportSummary);
                    progress.accept(r);
                    return r;
                }, pool));
            }
            List<TargetCheck> results = new ArrayList<>();
            for (CompletableFuture<TargetCheck> f : futures) {
                try {
                    results.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("the check of a target failed", e.getCause());
                }
            }
            Status overall = Status.UNKNOWN;
            for (TargetCheck r : results) {
                overall = overall.worse(r.status());
            }
            return new CheckReport(started, (System.nanoTime() - t0) / 1e6, settings.budget().toMillis(), env,
                    transportSummary[0], results, overall);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private TargetCheck one(CheckTarget target, Function<String, NameResolution> names, NetworkEnvironment env, int sourcePort, long deadline,
            String[] transportSummary) {
        SegmentJudge judge = new SegmentJudge(settings.thresholds());
        NameResolution dns = names.apply(target.host());
        Optional<InetAddress> address = dns.first();
        if (address.isEmpty()) {
            List<SegmentVerdict> v = judge.judge(dns, TcpConnect.notRun("the name did not resolve"), null,
                    null, env.gateway(), asn);
            return new TargetCheck(target, address, dns, TcpConnect.notRun("the name did not resolve"), Optional.empty(),
                    "the name did not resolve", v, TargetCheck.overall(v), org.hopscope.engine.enrich.Enrichment.EMPTY);
        }
        InetAddress a = address.get();
        CompletableFuture<TcpConnect> connect = CompletableFuture.supplyAsync(
                () -> connector.connect(new InetSocketAddress(a, target.port()), settings.connectTimeout()));
        PathMeasurement path = null;
        String pathDetail = "";
        try (ProbeTransport t = transports.open()) {
            synchronized (transportSummary) {
                transportSummary[0] = t.info().summary();
            }
            path = new PathProber(settings, sourcePort).measure(t, a, target.port(), deadline);
            if (path == null) {
                pathDetail = "no probe protocol could be used";
            }
        } catch (TransportException e) {
            pathDetail = "no probing transport: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pathDetail = "interrupted";
        }
        TcpConnect c = connect.join();
        org.hopscope.engine.enrich.Enrichment known = org.hopscope.engine.enrich.Enrichment.EMPTY;
        Function<InetAddress, OptionalLong> asOf = asn;
        if (enricher != null && path != null) {
            java.util.Set<InetAddress> all = new java.util.LinkedHashSet<>(
                    org.hopscope.engine.enrich.Enricher.addresses(path.trace()));
            all.add(a);
            enricher.submitAll(all);
            try {
                known = enricher.await(all, enrichWait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                known = enricher.snapshot();
            }
            org.hopscope.engine.enrich.Enrichment k = known;
            asOf = x -> k.as(x).map(i -> OptionalLong.of(i.number())).orElseGet(() -> asn.apply(x));
        }
        List<SegmentVerdict> v = judge.judge(dns, c, path, a, env.gateway(), asOf);
        return new TargetCheck(target, address, dns, c, Optional.ofNullable(path), pathDetail, v, TargetCheck.overall(v),
                known);
    }

    /** The longest a run can take past its budget: a DNS resolution and a connect started just before it ends. */
    public Duration worstCaseOverrun() {
        return settings.probeWait().plus(settings.connectTimeout()).plusSeconds(1);
    }
}
