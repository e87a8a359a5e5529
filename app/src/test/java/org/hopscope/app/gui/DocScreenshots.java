package org.hopscope.app.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.hopscope.app.gui.export.PngFiles;
import org.hopscope.app.gui.store.GuiSettingsStore;

/**
 * Makes the screenshots in app/docs: the main window during and after a multipath trace of the demo
 * network, light and dark. Run under Xvfb: {@code xvfb-run -a java -cp ... org.hopscope.app.gui.DocScreenshots app/docs}.
 */
public final class DocScreenshots {
    private DocScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "app/docs");
        Files.createDirectories(out);
        Path tmp = Files.createTempDirectory("hopscope-shots");
        System.setProperty("hopscope.traces.dir", tmp.resolve("traces").toString());
        Platform.startup(() -> { });
        for (boolean dark : new boolean[] {false, true}) {
            String theme = dark ? "dark" : "light";
            HopscopeApp.Handle h = onFx(() -> {
                Stage stage = new Stage();
                HopscopeApp.Handle handle = HopscopeApp.create(stage,
                        new GuiSettingsStore(tmp.resolve("gui-" + theme + ".json")), java.util.List.of());
                handle.viewModel().darkTheme.set(dark);
                stage.setWidth(1480);
                stage.setHeight(920);
                stage.show();
                handle.viewModel().startDemo();
                return handle;
            });
            waitFor(() -> onFx(() -> h.viewModel().presentation() != null
                    && h.viewModel().presentation().graph().nodes().size() >= 8), 30);
            Thread.sleep(300);
            shot(h, out.resolve("main-during-" + theme + ".png"));
            waitFor(() -> onFx(() -> !h.viewModel().runningProperty().get()), 120);
            Thread.sleep(400);
            onFx(() -> {
                var rows = h.window().table().rows();
                // select the first load-balanced interface so the details pane has content
                rows.stream().filter(r -> r.isSubRow()).findFirst()
                        .ifPresent(r -> h.viewModel().select(r.ttl(), r.address()));
                return null;
            });
            Thread.sleep(400);
            shot(h, out.resolve("main-after-" + theme + ".png"));
            if (!dark) {
                continuous(h, out.resolve("continuous-light.png"));
            }
            onFx(() -> {
                h.stage().close();
                h.close();
                return null;
            });
        }
        Platform.exit();
        System.exit(0);
    }

    /** mtr-style rounds with a focus window over the middle of the run (the table shows that period). */
    static void continuous(HopscopeApp.Handle h, Path file) throws Exception {
        onFx(() -> {
            h.viewModel().options.mode.set(org.hopscope.app.gui.run.TraceMode.CONTINUOUS);
            h.viewModel().options.waitMillis.set(400);
            h.viewModel().options.intervalMillis.set(500);
            h.viewModel().select(-1, null);
            h.viewModel().start();
            return null;
        });
        waitFor(() -> onFx(() -> h.viewModel().presentation() != null && h.viewModel().presentation().rounds() >= 24),
                120);
        onFx(() -> {
            var m = h.window().chart().model();
            long o = m.originMicros();
            h.viewModel().focus.set(new org.hopscope.app.gui.model.FocusWindow(o + (long) (m.xMax() * 0.3e6),
                    o + (long) (m.xMax() * 0.6e6)));
            h.viewModel().select(9, null);
            return null;
        });
        Thread.sleep(800);
        shot(h, file);
        onFx(() -> {
            h.viewModel().stop();
            return null;
        });
        waitFor(() -> onFx(() -> !h.viewModel().runningProperty().get()), 30);
    }

    static void shot(HopscopeApp.Handle h, Path file) throws Exception {
        var img = onFx(() -> PngFiles.toBuffered(h.stage().getScene().snapshot(null)));
        PngFiles.write(img, file);
        System.out.println("wrote " + file);
    }

    static void waitFor(BooleanSupplier cond, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(50);
        }
    }

    static <T> T onFx(Supplier<T> s) {
        AtomicReference<T> r = new AtomicReference<>();
        AtomicReference<Throwable> err = new AtomicReference<>();
        CountDownLatch l = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.set(s.get());
            } catch (Throwable e) {
                err.set(e);
            } finally {
                l.countDown();
            }
        });
        try {
            l.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (err.get() != null) {
            throw new IllegalStateException(err.get());
        }
        return r.get();
    }
}
