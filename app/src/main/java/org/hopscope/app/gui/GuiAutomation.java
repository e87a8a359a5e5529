package org.hopscope.app.gui;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.hopscope.app.gui.export.ExportFormat;
import org.hopscope.app.gui.export.ExportService;
import org.hopscope.app.gui.run.TraceMode;
import org.hopscope.app.gui.store.GuiSettingsStore;
import org.hopscope.app.gui.viewmodel.MainViewModel;
import org.hopscope.engine.trace.TraceStatus;

/**
 * The desktop window driven from the command line, so an installed package can be tested end to end
 * (packaging/e2e) and screenshots scripted without synthesising mouse clicks:
 *
 * <pre>
 * hopscope --gui [--auto-trace TARGET] [--export-png FILE] [--export-json FILE] [--quit] [--timeout S] [TRACE_FILE]
 * </pre>
 *
 * It opens the normal window (same settings, same view-model), types TARGET into it and presses
 * Start in Paris mode ({@code demo} is the built-in demo network), and once the trace has finished writes
 * the one-page PNG report and the JSON trace document exactly as File &gt; Export does. With
 * {@code --quit} it exits afterwards: status 0 when both exports were written, 1 on a usage error, 3
 * when the trace could not start, failed or timed out. Without it the window stays open.
 */
public final class GuiAutomation extends Application {
    static final String USAGE = "usage: hopscope --gui [--auto-trace TARGET] [--export-png FILE] [--export-json FILE]"
            + " [--quit] [--timeout SECONDS] [TRACE_FILE]\n";
    private static final PrintStream ERR = System.err;
    private static final AtomicInteger STATUS = new AtomicInteger(0);
    private static volatile Plan plan;

    /** What the command line asked for. */
    record Plan(String target, Path png, Path json, boolean quit, int timeoutSeconds, List<String> files) {
        static Plan parse(List<String> args) {
            String target = null;
            Path png = null;
            Path json = null;
            boolean quit = false;
            int timeout = 120;
            List<String> files = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--gui" -> { }
                    case "--quit" -> quit = true;
                    case "--auto-trace" -> target = value(args, ++i, a);
                    case "--export-png" -> png = Path.of(value(args, ++i, a));
                    case "--export-json" -> json = Path.of(value(args, ++i, a));
                    case "--timeout" -> {
                        try {
                            timeout = Integer.parseInt(value(args, ++i, a));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--timeout needs a number of seconds");
                        }
                        if (timeout < 1 || timeout > 3600) {
                            throw new IllegalArgumentException("--timeout must be 1..3600 seconds");
                        }
                    }
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        files.add(a);
                    }
                }
            }
            if (target == null && (png != null || json != null)) {
                throw new IllegalArgumentException("--export-png/--export-json need --auto-trace TARGET");
            }
            return new Plan(target, png, json, quit, timeout, List.copyOf(files));
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size() || args.get(i).isBlank()) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            return args.get(i);
        }
    }

    /** Called by {@code org.hopscope.app.Main} for {@code hopscope --gui ...}; returns once the window closes. */
    public static void launch(String[] args) {
        try {
            plan = Plan.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            ERR.println("hopscope: " + e.getMessage());
            ERR.print(USAGE);
            System.exit(1);
        }
        Application.launch(GuiAutomation.class, args);
        if (STATUS.get() != 0) {
            System.exit(STATUS.get());
        }
    }

    @Override
    public void start(Stage stage) {
        Plan p = plan != null ? plan : Plan.parse(getParameters().getRaw());
        HopscopeApp.Handle handle = HopscopeApp.create(stage, GuiSettingsStore.standard(), p.files());
        stage.setOnHidden(e -> {
            handle.close();
            Platform.exit();
        });
        stage.show();
        if (p.target() != null) {
            new Run(p, handle).begin();
        }
    }

    /** One automated trace and its exports, all on the FX thread. */
    private static final class Run {
        private final Plan plan;
        private final HopscopeApp.Handle handle;
        private final MainViewModel vm;
        private int pending;
        private boolean exporting;
        private boolean over;

        Run(Plan plan, HopscopeApp.Handle handle) {
            this.plan = plan;
            this.handle = handle;
            this.vm = handle.viewModel();
        }

        void begin() {
            String t = plan.target().trim();
            // Paris mode for every target, the demo network's too: one flow finishes in seconds, where
            // the demo button's multipath discovery takes a minute on a loaded machine
            vm.options.mode.set(TraceMode.PARIS);
            vm.target.set(t);
            vm.start();
            if (!vm.runningProperty().get()) {
                MainViewModel.UserMessage m = vm.lastMessageProperty().get();
                fail("the trace of " + t + " did not start: " + (m != null ? m.text() : vm.statusProperty().get()));
                return;
            }
            // The job ends (running false) before the dispatcher has delivered its last snapshot:
            // export only once the shown presentation is no longer a running trace.
            vm.runningProperty().addListener((o, was, now) -> finishedIfFinal());
            vm.presentationProperty().addListener((o, was, now) -> finishedIfFinal());
            vm.lastMessageProperty().addListener((o, was, now) -> finishedIfFinal());
            // A timer on the FX thread itself, so no hand-off is needed (FxDispatcher is the only one).
            javafx.animation.PauseTransition guard =
                    new javafx.animation.PauseTransition(javafx.util.Duration.seconds(plan.timeoutSeconds()));
            guard.setOnFinished(e -> fail("no result within " + plan.timeoutSeconds() + " s"));
            guard.play();
        }

        private void finishedIfFinal() {
            if (over || exporting || vm.runningProperty().get()) {
                return;
            }
            if (!vm.hasTrace()) {
                MainViewModel.UserMessage m = vm.lastMessageProperty().get();
                if (m != null && m.kind() == MainViewModel.UserMessage.Kind.ERROR) {
                    fail("the trace failed: " + m.text());
                }
                return; // else its first snapshot is still on its way
            }
            TraceStatus st = vm.presentation().snapshot().status();
            if (st == TraceStatus.RUNNING) {
                return;
            }
            if (st == TraceStatus.FAILED || st == TraceStatus.STOPPED) {
                fail("the trace " + st.name().toLowerCase(java.util.Locale.ROOT) + ": " + vm.statusProperty().get());
                return;
            }
            exporting = true;
            ERR.println("hopscope: automated trace finished: " + vm.statusProperty().get());
            ExportService exports = new ExportService(vm);
            List<Runnable> jobs = new ArrayList<>();
            if (plan.png() != null) {
                jobs.add(() -> export(exports, ExportFormat.PNG_REPORT, plan.png()));
            }
            if (plan.json() != null) {
                jobs.add(() -> export(exports, ExportFormat.JSON, plan.json()));
            }
            pending = jobs.size();
            if (pending == 0) {
                done();
            }
            jobs.forEach(Runnable::run);
        }

        private void export(ExportService exports, ExportFormat f, Path file) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                exports.export(f, file, vm.exportMask.get(), msg -> {
                    ERR.println("hopscope: " + msg);
                    if (--pending == 0) {
                        done();
                    }
                }, e -> fail("export " + f.label() + " to " + file + " failed: " + e.getMessage()));
            } catch (java.io.IOException | RuntimeException e) {
                fail("export " + f.label() + " to " + file + " failed: " + e.getMessage());
            }
        }

        private void done() {
            if (over) {
                return;
            }
            over = true;
            if (plan.quit()) {
                handle.stage().hide();
            }
        }

        private void fail(String why) {
            if (over) {
                return;
            }
            over = true;
            ERR.println("hopscope: automation: " + why);
            STATUS.set(3);
            if (plan.quit()) {
                handle.stage().hide();
            }
        }
    }
}
