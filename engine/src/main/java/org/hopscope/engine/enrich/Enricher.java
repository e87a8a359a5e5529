package org.hopscope.engine.enrich;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.TraceEvent;
import org.hopscope.engine.trace.TraceListener;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * Looks up names, ASes and locations for addresses, beside a trace and never in its way.
 *
 * <p>{@link #submit} returns at once (it only records the address and queues work); lookups run on
 * the enricher's own thread with at most {@link EnricherConfig#maxConcurrent()} DNS queries under way,
 * each bounded by the timeout, and answers are cached. Every change is published to the {@link
 * EnrichmentListener}s and shows in the next {@link #snapshot()}. Nothing here throws because of the
 * network: a lookup that fails or times out leaves its field empty with a {@link LookupState} saying
 * why, and is retried only when the address is submitted again after {@link
 * EnricherConfig#retryAfter()}.
 *
 * <p>One enricher may serve many traces (the caches are shared); {@link #close()} stops its thread.
 * It does not close the {@link GeoIpDatabase} it was given.
 */
public final class Enricher implements AutoCloseable {
    private static final class Entry {
        volatile HostInfo info;
        final CompletableFuture<HostInfo> settled = new CompletableFuture<>();
        volatile long settledAtNanos;

        Entry(HostInfo info) {
            this.info = info;
        }
    }

    private final EnricherConfig config;
    private final LongSupplier clock;
    private final ExecutorService executor;
    private final DnsClient dns;
    private final ReverseDnsResolver reverse;
    private final AsnResolver asn;
    private final Map<InetAddress, Entry> entries = new ConcurrentHashMap<>();
    private final List<EnrichmentListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong version = new AtomicLong();
    private Enrichment cached = Enrichment.EMPTY;
    private long cachedVersion = -1;
    private volatile boolean closed;

    private Enricher(EnricherConfig config, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hopscope-enrich");
            t.setDaemon(true);
            return t;
        });
        if (config.usesDns()) {
            this.dns = new DnsClient(config.dnsServers(), config.timeout(), config.attempts(), config.maxConcurrent(),
                    executor);
            this.reverse = new ReverseDnsResolver(dns, new ExpiringCache<>(config.cacheSize(), clock),
                    config.positiveTtl(), config.negativeTtl());
            this.asn = new AsnResolver(dns, config.cymruZone(), config.cacheSize(), clock, config.positiveTtl(),
                    config.negativeTtl());
        } else {
            this.dns = null;
            this.reverse = null;
            this.asn = null;
        }
    }

    public static Enricher create(EnricherConfig config) {
        return new Enricher(config, System::nanoTime);
    }

    public EnricherConfig config() {
        return config;
    }

    /** Whether a GeoIP database is configured (a UI shows its location column only then). */
    public boolean geoAvailable() {
        return config.geoIp().isPresent();
    }

    /** The DNS servers asked (the system's unless configured), empty when DNS is off. */
    public List<java.net.InetSocketAddress> dnsServers() {
        return dns == null ? List.of() : dns.servers();
    }

    /** DNS queries sent so far, every attempt counted. */
    public long dnsQueriesSent() {
        return dns == null ? 0 : dns.queriesSent();
    }

    public void addListener(EnrichmentListener l) {
        listeners.add(l);
    }

    public void removeListener(EnrichmentListener l) {
        listeners.remove(l);
    }

    /** Starts looking up {@code address} unless it is known or under way. Never blocks. */
    public void submit(InetAddress address) {
        lookup(address);
    }

    public void submitAll(Collection<? extends InetAddress> addresses) {
        for (InetAddress a : addresses) {
            submit(a);
        }
    }

    /** Submits the target and every address that answered in a trace. */
    public void submit(TraceSnapshot trace) {
        submitAll(addresses(trace));
    }

    /**
     * The lookups of {@code address}, completing (on the enricher's thread) once both are over,
     * whatever their outcome. Never completes exceptionally.
     */
    public CompletableFuture<HostInfo> lookup(InetAddress address) {
        Entry e = entries.get(address);
        if (e != null && !retryDue(e)) {
            return e.settled;
        }
        Entry fresh = new Entry(HostInfo.pending(address));
        boolean mine = e == null ? entries.putIfAbsent(address, fresh) == null : entries.replace(address, e, fresh);
        if (!mine) {
            return entries.get(address).settled;
        }
        version.incrementAndGet();
        try {
            executor.execute(() -> start(fresh));
        } catch (RejectedExecutionException closedAlready) {
            HostInfo skipped = fresh.info.withHostName(Optional.empty(), LookupState.SKIPPED)
                    .withAs(Optional.empty(), LookupState.SKIPPED);
            fresh.info = skipped;
            fresh.settled.complete(skipped);
        }
        return fresh.settled;
    }

    private boolean retryDue(Entry e) {
        if (!e.settled.isDone()) {
            return false;
        }
        HostInfo h = e.info;
        boolean failed = isFailure(h.dnsState()) || isFailure(h.asState());
        return failed && clock.getAsLong() - e.settledAtNanos >= config.retryAfter().toNanos();
    }

    private static boolean isFailure(LookupState s) {
        return s == LookupState.TIMED_OUT || s == LookupState.FAILED;
    }

    /** Runs on the enricher's thread. */
    private void start(Entry e) {
        InetAddress a = e.info.address();
        Optional<ReservedRange> reserved = e.info.reserved();
        HostInfo h = e.info;
        if (config.geoIp().isPresent() && reserved.isEmpty()) {
            h = h.withGeo(config.geoIp().get().lookup(a));
        }
        boolean doPtr = config.reverseDns() && reserved.map(ReservedRange::reverseDns).orElse(true);
        // Team Cymru knows nothing of special-purpose ranges (RFC 6890), so they are labelled without a
        // query. An organisation's own zone (cymruZone set to a mirror of its IPAM) may describe its
        // private and lab ranges, so with another zone those are asked too, if they have reverse DNS at all.
        boolean customZone = !config.cymruZone().equalsIgnoreCase(Cymru.DEFAULT_ZONE);
        boolean doAs = config.asLookups()
                && (reserved.isEmpty() || (customZone && reserved.get().reverseDns()));
        if (!doPtr) {
            h = h.withHostName(Optional.empty(), LookupState.SKIPPED);
        }
        if (!doAs) {
            h = h.withAs(Optional.empty(), LookupState.SKIPPED);
        }
        update(e, h);
        if (doPtr) {
            reverse.lookup(a).whenCompleteAsync((o, err) -> update(e, e.info.withHostName(
                    o == null ? Optional.empty() : o.value(), o == null ? LookupState.FAILED : o.state())), executor);
        }
        if (doAs) {
            asn.lookup(a).whenCompleteAsync((o, err) -> update(e, e.info.withAs(
                    o == null ? Optional.empty() : o.value(), o == null ? LookupState.FAILED : o.state())), executor);
        }
    }

    /** Runs on the enricher's thread: the only writer of entries' infos. */
    private void update(Entry e, HostInfo h) {
        e.info = h;
        version.incrementAndGet();
        if (h.settled()) {
            e.settledAtNanos = clock.getAsLong();
        }
        for (EnrichmentListener l : listeners) {
            try {
                l.onUpdate(h);
            } catch (RuntimeException ignored) {
                // a listener's failure must not stop the others nor the lookups
            }
        }
        if (h.settled()) {
            e.settled.complete(h);
        }
    }

    /** What is known now, about every address submitted. Cheap when nothing changed. */
    public synchronized Enrichment snapshot() {
        long v = version.get();
        if (v != cachedVersion) {
            Map<InetAddress, HostInfo> m = new LinkedHashMap<>();
            for (Map.Entry<InetAddress, Entry> x : entries.entrySet()) {
                m.put(x.getKey(), x.getValue().info);
            }
            cached = new Enrichment(m, geoAvailable());
            cachedVersion = v;
        }
        return cached;
    }

    /**
     * Submits {@code addresses} and waits until their lookups are over or {@code maxWait} has passed,
     * then returns what is known. Blocks the caller: for a CLI printing once a trace has finished,
     * never for a UI thread or a trace's thread.
     */
    public Enrichment await(Collection<? extends InetAddress> addresses, Duration maxWait) throws InterruptedException {
        List<CompletableFuture<HostInfo>> fs = new ArrayList<>();
        for (InetAddress a : addresses) {
            fs.add(lookup(a));
        }
        try {
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // return what is known
        }
        return snapshot();
    }

    /** {@link #await(Collection, Duration)} over a trace's target and answering addresses. */
    public Enrichment await(TraceSnapshot trace, Duration maxWait) throws InterruptedException {
        return await(addresses(trace), maxWait);
    }

    /** The longest a lookup can take here: every attempt timing out, for the name and then the AS. */
    public Duration worstCaseLookupTime() {
        if (!config.usesDns()) {
            return Duration.ZERO;
        }
        return config.timeout().plusSeconds(1).multipliedBy(2L * config.attempts());
    }

    /**
     * A listener to attach to a running trace ({@code tracer.listener(enricher.traceListener())}): it
     * submits the target and every address that answers, and returns at once.
     */
    public TraceListener traceListener() {
        return event -> {
            if (event instanceof TraceEvent.Started s) {
                if (s.snapshot().resolvedAddress() != null) {
                    submit(s.snapshot().resolvedAddress());
                }
            } else if (event instanceof TraceEvent.ProbeCompleted c && c.probe().isAnswered()) {
                submit(c.probe().reply().from());
            }
        };
    }

    /** The target and every answering address of a trace, in hop order. */
    public static Set<InetAddress> addresses(TraceSnapshot trace) {
        Set<InetAddress> s = new LinkedHashSet<>();
        for (HopSnapshot h : trace.hops()) {
            for (InetAddress a : h.interfaces().stream().map(InterfaceSnapshot::address).toList()) {
                s.add(a);
            }
        }
        if (trace.resolvedAddress() != null) {
            s.add(trace.resolvedAddress());
        }
        return s;
    }

    /** Stops the enricher's thread; pending lookups are dropped. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        executor.shutdownNow();
    }
}
