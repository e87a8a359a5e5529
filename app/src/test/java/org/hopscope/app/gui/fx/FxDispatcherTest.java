package org.hopscope.app.gui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher under a flood: a single-threaded executor stands in for the FX thread (slow on
 * purpose), and the test counts what reaches it. No JavaFX is needed for the coalescing logic.
 */
class FxDispatcherTest {
    /** A "FX thread" that takes {@code applyMillis} per task and records its queue length. */
    private static final class SlowFx implements java.util.concurrent.Executor {
        final ExecutorService thread = Executors.newSingleThreadExecutor();
        final AtomicInteger queued = new AtomicInteger();
        final AtomicInteger maxQueued = new AtomicInteger();

        @Override
        public void execute(Runnable r) {
            maxQueued.accumulateAndGet(queued.incrementAndGet(), Math::max);
            thread.execute(() -> {
                queued.decrementAndGet();
                r.run();
            });
        }
    }

    @Test
    void aMillionSignalsNeverFloodTheFxThreadAndTheLastStateAlwaysArrives() throws Exception {
        SlowFx fx = new SlowFx();
        AtomicLong state = new AtomicLong();
        List<Long> appliedValues = java.util.Collections.synchronizedList(new ArrayList<>());
        try (FxDispatcher d = new FxDispatcher(fx)) {
            FxDispatcher.Feed<Long> feed = d.feed(state::get, v -> {
                appliedValues.add(v);
                sleep(20); // a slow apply: a big table on a starved machine
            });
            int threads = 4;
            int perThread = 250_000;
            CountDownLatch done = new CountDownLatch(threads);
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        state.incrementAndGet();
                        feed.signal();
                    }
                    done.countDown();
                }).start();
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            long floodMillis = (System.nanoTime() - t0) / 1_000_000;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < end && (appliedValues.isEmpty()
                    || appliedValues.get(appliedValues.size() - 1) != threads * (long) perThread)) {
                Thread.sleep(10);
            }
            Thread.sleep(300); // nothing more may arrive after the final state
            // never drops a result: the final state reached the FX thread
            assertThat(appliedValues).isNotEmpty();
            assertThat(appliedValues.get(appliedValues.size() - 1)).isEqualTo(threads * (long) perThread);
            // coalesced: about one apply per period, not one per signal
            long maxApplies = floodMillis / FxDispatcher.PERIOD_MILLIS + 15;
            assertThat((long) appliedValues.size()).isLessThanOrEqualTo(maxApplies);
            // never floods: at most one result of a feed is ever waiting for the FX thread
            assertThat(fx.maxQueued.get()).isEqualTo(1);
            // results arrive in order
            assertThat(appliedValues).isSorted();
            assertThat(feed.applied()).isEqualTo(feed.produced()).isEqualTo(appliedValues.size());
        } finally {
            fx.thread.shutdownNow();
        }
    }

    @Test
    void aSlowApplyStretchesThePeriodSoTheFxThreadStaysMostlyIdle() throws Exception {
        SlowFx fx = new SlowFx();
        AtomicLong busyNanos = new AtomicLong();
        try (FxDispatcher d = new FxDispatcher(fx)) {
            FxDispatcher.Feed<Integer> feed = d.feed(() -> 1, v -> {
                long t = System.nanoTime();
                sleep(40);
                busyNanos.addAndGet(System.nanoTime() - t);
            });
            long t0 = System.nanoTime();
            long until = t0 + TimeUnit.MILLISECONDS.toNanos(2000);
            while (System.nanoTime() < until) {
                feed.signal();
                Thread.sleep(1);
            }
            long elapsed = System.nanoTime() - t0;
            double busy = (double) busyNanos.get() / elapsed;
            // 40 ms applies would keep the FX thread 80% busy at a fixed 50 ms period; stretched, ~25%
            assertThat(busy).isLessThan(0.40);
            assertThat(feed.applied()).isGreaterThanOrEqualTo(5);
        } finally {
            fx.thread.shutdownNow();
        }
    }

    @Test
    void backgroundWorkReturnsItsResultOrItsErrorOnTheFxThread() throws Exception {
        SlowFx fx = new SlowFx();
        try (FxDispatcher d = new FxDispatcher(fx)) {
            CountDownLatch ok = new CountDownLatch(1);
            CountDownLatch failed = new CountDownLatch(1);
            List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
            d.background(() -> "x", v -> {
                threads.add(Thread.currentThread().getName());
                ok.countDown();
            }, e -> { });
            d.background(() -> {
                throw new IllegalStateException("boom");
            }, v -> { }, e -> {
                if (e.getMessage().equals("boom")) {
                    failed.countDown();
                }
            });
            assertThat(ok.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(threads).noneMatch(n -> n.startsWith("hopscope-background"));
        } finally {
            fx.thread.shutdownNow();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
