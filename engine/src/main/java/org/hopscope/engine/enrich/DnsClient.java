package org.hopscope.engine.enrich;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;

/**
 * Asynchronous DNS queries over dnsjava with a bound on the queries under way (the rest wait in a
 * FIFO), a per-attempt timeout and a fixed number of attempts spread over the servers. Never blocks
 * the caller; completions run on the given executor. Never completes exceptionally.
 */
final class DnsClient {
    /** What came back: the records of the asked type from the answer section, or why none. */
    record Answer(LookupState state, List<Record> records, String detail) {
        Answer {
            records = List.copyOf(records);
        }
    }

    private final List<SimpleResolver> resolvers = new ArrayList<>();
    private final Duration timeout;
    private final int attempts;
    private final int maxConcurrent;
    private final Executor executor;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;
    private long sent;

    DnsClient(List<InetSocketAddress> servers, Duration timeout, int attempts, int maxConcurrent, Executor executor) {
        List<InetSocketAddress> use = servers.isEmpty() ? systemServers() : servers;
        for (InetSocketAddress s : use) {
            SimpleResolver r = new SimpleResolver(s);
            r.setTimeout(timeout);
            resolvers.add(r);
        }
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        this.maxConcurrent = Math.max(1, maxConcurrent);
        this.executor = executor;
    }

    /** The name servers of the system configuration (/etc/resolv.conf on Linux and macOS). */
    static List<InetSocketAddress> systemServers() {
        try {
            return List.copyOf(ResolverConfig.getCurrentConfig().servers());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    List<InetSocketAddress> servers() {
        return resolvers.stream().map(SimpleResolver::getAddress).toList();
    }

    /** Queries sent so far (attempts included). */
    synchronized long queriesSent() {
        return sent;
    }

    /** Queries under way plus those waiting for a slot. */
    synchronized int backlog() {
        return running + waiting.size();
    }

    CompletableFuture<Answer> query(String absoluteName, int type) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        Name name;
        try {
            name = Name.fromString(absoluteName);
        } catch (TextParseException e) {
            result.complete(new Answer(LookupState.FAILED, List.of(), "bad name " + absoluteName));
            return result;
        }
        if (resolvers.isEmpty()) {
            result.complete(new Answer(LookupState.FAILED, List.of(), "no DNS server configured"));
            return result;
        }
        Runnable start = () -> attempt(name, type, 0, result);
        boolean now;
        synchronized (this) {
            now = running < maxConcurrent;
            if (now) {
                running++;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    private void attempt(Name name, int type, int n, CompletableFuture<Answer> result) {
        SimpleResolver r = resolvers.get(n % resolvers.size());
        Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        synchronized (this) {
            sent++;
        }
        CompletableFuture<Message> f;
        try {
            f = r.sendAsync(q, executor).toCompletableFuture();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        // dnsjava enforces its own timeout; this bound holds even if it did not.
        f.orTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS).whenCompleteAsync((m, err) -> {
            if (err == null) {
                finish(result, answer(m, type));
                return;
            }
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            boolean timedOut = cause instanceof TimeoutException
                    || cause instanceof java.net.SocketTimeoutException
                    || (cause instanceof IOException && String.valueOf(cause.getMessage()).contains("imed out"));
            if (n + 1 < attempts) {
                attempt(name, type, n + 1, result);
            } else {
                finish(result, new Answer(timedOut ? LookupState.TIMED_OUT : LookupState.FAILED, List.of(),
                        String.valueOf(cause)));
            }
        }, executor);
    }

    private static Answer answer(Message m, int type) {
        int rcode = m.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new Answer(LookupState.NOT_FOUND, List.of(), "NXDOMAIN");
        }
        if (rcode != Rcode.NOERROR) {
            return new Answer(LookupState.FAILED, List.of(), Rcode.string(rcode));
        }
        List<Record> rs = m.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
        return rs.isEmpty() ? new Answer(LookupState.NOT_FOUND, List.of(), "no answer")
                : new Answer(LookupState.FOUND, rs, "");
    }

    private void finish(CompletableFuture<Answer> result, Answer a) {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        result.complete(a);
        if (next != null) {
            next.run();
        }
    }
}
