package org.hopscope.app.gui.check;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.WritableImage;
import org.hopscope.app.gui.export.PngFiles;
import org.hopscope.app.gui.fx.FxDispatcher;
import org.hopscope.app.gui.store.AtomicFiles;
import org.hopscope.app.gui.viewmodel.MainViewModel;
import org.hopscope.engine.check.CheckReport;
import org.hopscope.engine.check.CheckReportWriter;
import org.hopscope.engine.check.CheckSettings;
import org.hopscope.engine.check.CheckTarget;
import org.hopscope.engine.check.CheckTargetList;
import org.hopscope.engine.check.ConnectivityCheck;
import org.hopscope.engine.check.EnvironmentDiscovery;
import org.hopscope.engine.check.PrivacyMask;
import org.hopscope.engine.check.SimulatedCheck;
import org.hopscope.engine.enrich.Enricher;
import org.hopscope.engine.enrich.EnricherConfig;
import org.hopscope.engine.format.TraceDocument;
import org.hopscope.engine.format.TraceDocumentReader;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.sim.Topology;
import org.hopscope.engine.transport.TransportChooser;

/**
 * State and actions of the check window. FX thread only: the check itself, file I/O and report
 * building run through the {@link FxDispatcher} and come back through it. The result is always held
 * as a {@link CheckDocument} (the JSON report read back), whether it was just measured or opened.
 */
public final class CheckViewModel {
    /** Targets on the demo network: a healthy service, a closed port and a name that does not exist. */
    public static final String DEMO_TARGETS = "www, www:8080, intranet";
    public static final int MIN_BUDGET = 5;
    public static final int MAX_BUDGET = 600;

    /** Targets as typed: host[:port], separated by commas, spaces or new lines. */
    public final StringProperty targets = new SimpleStringProperty("");
    /** Check the built-in simulated network instead of the real one (no privileges, no packets). */
    public final BooleanProperty demo = new SimpleBooleanProperty(false);
    public final IntegerProperty budgetSeconds = new SimpleIntegerProperty(30);
    /** Hide the machine's name and the host bits of its address in the report and its exports. */
    public final BooleanProperty mask = new SimpleBooleanProperty(false);

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<CheckDocument> document = new ReadOnlyObjectWrapper<>();

    private final FxDispatcher dispatcher;
    private final MainViewModel main;
    private final Topology demoTopology;
    private final Path targetsFile;
    /** The measured report (null when the document was opened from a file: it is exported as read). */
    private CheckReport live;
    private Timeline ticker;
    private long startedNanos;
    private int finishedTargets;
    private int totalTargets;

    public CheckViewModel(FxDispatcher dispatcher, MainViewModel main) {
        this(dispatcher, main, Topology.builtIn("demo"), CheckTargetList.defaultFile());
    }

    public CheckViewModel(FxDispatcher dispatcher, MainViewModel main, Topology demoTopology, Path targetsFile) {
        this.dispatcher = dispatcher;
        this.main = main;
        this.demoTopology = demoTopology;
        this.targetsFile = targetsFile;
        status.set("Targets come from " + targetsFile + "; edit them here. No network or privileges? Tick Demo"
                + " network.");
        demo.addListener((o, was, on) -> {
            if (on) {
                targets.set(DEMO_TARGETS);
            } else {
                loadTargets();
            }
        });
        mask.addListener((o, a, b) -> rebuild());
        loadTargets();
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0..1 of the time budget; 1 when finished. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CheckDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public CheckDocument document() {
        return document.get();
    }

    // ------------------------------------------------------------------ actions

    /** The default targets from the user's settings file (off the FX thread). */
    private void loadTargets() {
        dispatcher.background(() -> {
            try {
                return CheckTargetList.load(targetsFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, list -> {
            if (!demo.get()) {
                targets.set(String.join(", ", list.stream().map(CheckTarget::toString).toList()));
            }
        }, e -> status.set("Cannot read the saved targets: " + e.getMessage()));
    }

    /** The typed targets; an {@link IllegalArgumentException} names the bad one. */
    public static List<CheckTarget> parseTargets(String text) {
        List<CheckTarget> out = new ArrayList<>();
        for (String t : (text == null ? "" : text).split("[,;\\s]+")) {
            if (!t.isBlank()) {
                out.add(CheckTarget.parse(t));
            }
        }
        return out;
    }

    /** Starts the check (demo or real network) within the budget. */
    public void run() {
        if (running.get()) {
            return;
        }
        List<CheckTarget> list;
        try {
            list = parseTargets(targets.get());
        } catch (IllegalArgumentException e) {
            status.set("Invalid target: " + e.getMessage());
            return;
        }
        if (list.isEmpty()) {
            status.set("Type at least one target (host or host:port), or tick Demo network.");
            return;
        }
        int budget = Math.max(MIN_BUDGET, Math.min(MAX_BUDGET, budgetSeconds.get()));
        CheckSettings settings = CheckSettings.defaults().withBudget(Duration.ofSeconds(budget));
        boolean sim = demo.get();
        ConnectivityCheck check = sim ? SimulatedCheck.create(settings, demoTopology)
                : new ConnectivityCheck(settings, EnvironmentDiscovery.system()::discover,
                        () -> TransportChooser.system().choose(ProbeProtocol.UDP).transport());
        check.onTarget(t -> dispatcher.onFx(() -> finishedTargets++));
        if (!sim) {
            saveTargets(list);
        }
        live = null;
        document.set(null);
        finishedTargets = 0;
        totalTargets = list.size();
        running.set(true);
        progress.set(0);
        startTicker(budget);
        dispatcher.background(() -> {
            // Names and AS numbers on the real network (segments are then cut at AS borders), as the CLI
            // does; the demo network has no DNS to ask.
            try (Enricher enricher = sim ? null : Enricher.create(EnricherConfig.builder().build())) {
                if (enricher != null) {
                    check.enrichment(enricher, Duration.ofSeconds(3));
                }
                CheckReport r = check.run(list);
                return new Result(r, CheckDocumentReader.parse(writer().json(r)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the check was interrupted", e);
            }
        }, r -> {
            stopTicker();
            running.set(false);
            progress.set(1);
            live = r.report();
            document.set(r.document());
            status.set("Finished in " + Math.round(r.report().durationMs() / 100) / 10.0 + " s: "
                    + r.report().status().name().toLowerCase(java.util.Locale.ROOT) + ". Click a hop range to open"
                    + " that trace in the main window.");
        }, e -> {
            stopTicker();
            running.set(false);
            progress.set(0);
            status.set("The check could not run: " + e.getMessage());
        });
    }

    private record Result(CheckReport report, CheckDocument document) {
    }

    private void saveTargets(List<CheckTarget> list) {
        dispatcher.background(() -> {
            try {
                CheckTargetList.save(targetsFile, list);
                return targetsFile;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, p -> { }, e -> status.set("Could not save the targets: " + e.getMessage()));
    }

    /** A JavaFX animation on the FX thread (no hand-off): shows elapsed time against the budget. */
    private void startTicker(int budget) {
        startedNanos = System.nanoTime();
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.millis(250), e -> {
            double s = (System.nanoTime() - startedNanos) / 1e9;
            progress.set(Math.min(0.99, s / budget));
            status.set(String.format(java.util.Locale.ROOT, "Checking %d target%s%s… %.0f s of %d s, %d done.",
                    totalTargets, totalTargets == 1 ? "" : "s", demo.get() ? " on the demo network" : "", s, budget,
                    finishedTargets));
        }));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.stop();
            ticker = null;
        }
    }

    private CheckReportWriter writer() {
        return new CheckReportWriter(mask.get() ? PrivacyMask.ON : PrivacyMask.OFF);
    }

    /** Re-reads the measured report with the current privacy mask (an opened report keeps its own). */
    private void rebuild() {
        CheckReport r = live;
        if (r == null) {
            return;
        }
        CheckReportWriter w = writer();
        dispatcher.background(() -> CheckDocumentReader.parse(w.json(r)), d -> {
            if (live == r) {
                document.set(d);
            }
        }, e -> status.set("Cannot rebuild the report: " + e.getMessage()));
    }

    /** Opens a saved check report (off the FX thread); the traces it embeds open from the verdicts. */
    public void open(Path file) {
        dispatcher.background(() -> {
            try {
                return CheckDocumentReader.read(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, d -> {
            live = null;
            document.set(d);
            status.set("Opened " + file.getFileName() + " (check of " + d.startedText() + ").");
        }, e -> {
            status.set("Cannot open " + file.getFileName() + ": " + e.getMessage());
            main.report(new MainViewModel.UserMessage(MainViewModel.UserMessage.Kind.ERROR,
                    "Cannot open " + file.getFileName(), e.getMessage() + " Nothing was changed."));
        });
    }

    /** Opens the target's embedded trace in the main window and selects hop {@code ttl} (or none: -1). */
    public void openTrace(CheckDocument.Target t, int ttl) {
        if (!t.hasTrace()) {
            status.set(t.target() + " has no trace: " + (t.pathDetail() == null || t.pathDetail().isEmpty()
                    ? "it was not traced." : t.pathDetail()));
            return;
        }
        CheckDocument d = document.get();
        dispatcher.background(() -> {
            try {
                return TraceDocumentReader.readDocument(new StringReader(t.traceJson()));
            } catch (org.hopscope.engine.format.TraceDocumentException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }, (TraceDocument doc) -> {
            main.show(doc, t.target() + " — check " + (d == null ? "" : d.startedText()));
            if (ttl > 0) {
                main.select(ttl, null);
            }
            status.set("Opened the trace to " + t.target() + (ttl > 0 ? " at hop " + ttl : "")
                    + " in the main window.");
        }, e -> status.set("Cannot open the trace of " + t.target() + ": " + e.getMessage()));
    }

    /** The text summary for a ticket body (the engine's, for a measured report). */
    public String summary() {
        CheckReport r = live;
        if (r != null) {
            return writer().text(r);
        }
        CheckDocument d = document.get();
        return d == null ? "" : CheckSummary.text(d);
    }

    /**
     * Writes the one-page PNG and the JSON report; {@code done} gets the PNG's path (FX thread). The
     * image is drawn here on the FX thread; encoding and writing run in the background.
     */
    public void export(Path png, Path json, Consumer<Path> done) {
        CheckDocument d = document.get();
        if (d == null) {
            status.set("Nothing to export yet: run the check or open a report first.");
            return;
        }
        WritableImage img = CheckReportPainter.render(d);
        var buffered = PngFiles.toBuffered(img);
        CheckReport r = live;
        CheckReportWriter w = writer();
        dispatcher.background(() -> {
            try {
                PngFiles.write(buffered, png);
                AtomicFiles.writeString(json, r != null ? w.json(r) : d.json());
                return png;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, p -> {
            status.set("Saved the report to " + png + " and " + json.getFileName() + ".");
            done.accept(p);
        }, e -> main.report(new MainViewModel.UserMessage(MainViewModel.UserMessage.Kind.ERROR, "Export failed",
                String.valueOf(e.getMessage()))));
    }

    public void setStatus(String s) {
        status.set(s);
    }
}
