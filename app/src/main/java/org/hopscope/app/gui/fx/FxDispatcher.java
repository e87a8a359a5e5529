package org.hopscope.app.gui.fx;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * The one door between background threads and the FX thread. Engine events only {@link
 * Feed#signal() signal} that something changed; a worker thread, at most every {@link
 * #PERIOD_MILLIS} ms, builds the new state off the FX thread (snapshots, table rows, layout) and hands
 * the finished result over with a single {@code Platform.runLater}. While one result waits to be
 * applied no other is queued, so a fast engine can never flood the FX thread. The period stretches
 * to {@link #LOAD_FACTOR} times the last apply's duration when applying is slow (a huge trace, a
 * starved machine), so the FX thread always keeps most of its time for input. Nothing is dropped:
 * the last signal is always followed by a produce and an apply that sees everything before it.
 */
public final class FxDispatcher implements AutoCloseable {
    /** Ten updates a second: live to the eye, and little work for a busy laptop (mtr redraws once a second). */
    public static final long PERIOD_MILLIS = 100;
    /** At most 1 / LOAD_FACTOR of the FX thread's time goes to applying one feed's results. */
    static final int LOAD_FACTOR = 4;

    private final ScheduledExecutorService worker;
    private final Executor fx;

    public FxDispatcher() {
        this(Platform::runLater);
    }

    /** @param fx where results are applied (the FX thread; tests may pass a direct executor) */
    public FxDispatcher(Executor fx) {
        this.fx = fx;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hopscope-dispatch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A coalescing channel: many {@link Feed#signal()}s become one {@code produce} (worker thread) and
     * one {@code apply} (FX thread) per period.
     */
    public <T> Feed<T> feed(Supplier<T> produce, Consumer<T> apply) {
        return new Feed<>(produce, apply);
    }

    /** Runs slow work (file I/O, name lookups, exports) off the FX thread, then its result on it. */
    public <T> void background(Supplier<T> work, Consumer<T> onFx, Consumer<Throwable> onError) {
        Thread t = new Thread(() -> {
            try {
                T v = work.get();
                fx.execute(() -> onFx.accept(v));
            } catch (Throwable e) {
                fx.execute(() -> onError.accept(e));
            }
        }, "hopscope-background");
        t.setDaemon(true);
        t.start();
    }

    /** Plain hand-off of a small action to the FX thread (no coalescing). */
    public void onFx(Runnable r) {
        fx.execute(r);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    public final class Feed<T> {
        private final Supplier<T> produce;
        private final Consumer<T> apply;
        private final AtomicBoolean dirty = new AtomicBoolean();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final AtomicBoolean applying = new AtomicBoolean();
        private volatile long lastRunNanos;
        private volatile long lastApplyNanos;
        private final java.util.concurrent.atomic.AtomicLong produced = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong applied = new java.util.concurrent.atomic.AtomicLong();

        private Feed(Supplier<T> produce, Consumer<T> apply) {
            this.produce = produce;
            this.apply = apply;
        }

        /** Results built so far (each one then applied). */
        public long produced() {
            return produced.get();
        }

        /** Results applied on the FX thread so far. */
        public long applied() {
            return applied.get();
        }

        /** How long the last apply took on the FX thread, in nanoseconds. */
        public long lastApplyNanos() {
            return lastApplyNanos;
        }

        /** Something changed. Any thread; cheap; never blocks. */
        public void signal() {
            dirty.set(true);
            schedule();
        }

        private void schedule() {
            if (worker.isShutdown() || !scheduled.compareAndSet(false, true)) {
                return;
            }
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS), LOAD_FACTOR * lastApplyNanos);
            long waitNanos = lastRunNanos + period - System.nanoTime();
            try {
                worker.schedule(this::run, Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false);
            }
        }

        private void run() {
            scheduled.set(false);
            if (applying.get()) {
                // the FX thread has not taken the previous result yet: try again next period
                lastRunNanos = System.nanoTime();
                schedule();
                return;
            }
            if (!dirty.getAndSet(false)) {
                return;
            }
            lastRunNanos = System.nanoTime();
            T value;
            try {
                value = produce.get();
            } catch (RuntimeException e) {
                e.printStackTrace();
                return;
            }
            produced.incrementAndGet();
            applying.set(true);
            fx.execute(() -> {
                long t0 = System.nanoTime();
                try {
                    apply.accept(value);
                } finally {
                    lastApplyNanos = System.nanoTime() - t0;
                    applied.incrementAndGet();
                    applying.set(false);
                }
            });
            if (dirty.get()) {
                schedule();
            }
        }
    }
}
