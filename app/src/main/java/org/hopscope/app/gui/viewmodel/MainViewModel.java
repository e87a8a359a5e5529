package org.hopscope.app.gui.viewmodel;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
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
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.hopscope.app.gui.check.CheckDocumentReader;
import org.hopscope.app.gui.fx.FxDispatcher;
import org.hopscope.app.gui.model.AddressLabeler;
import org.hopscope.app.gui.model.EngineDiagnostician;
import org.hopscope.app.gui.model.Diagnostician;
import org.hopscope.app.gui.model.FocusWindow;
import org.hopscope.app.gui.model.LatencyThresholds;
import org.hopscope.app.gui.model.PresentationBuilder;
import org.hopscope.app.gui.model.PresentationOptions;
import org.hopscope.app.gui.model.PrivacyMask;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.app.gui.run.DemoNetworkSource;
import org.hopscope.app.gui.run.InSessionSupport;
import org.hopscope.app.gui.run.RealNetworkSource;
import org.hopscope.app.gui.run.StaticTrace;
import org.hopscope.app.gui.run.TraceJob;
import org.hopscope.app.gui.run.TraceJobs;
import org.hopscope.app.gui.run.TraceMode;
import org.hopscope.app.gui.run.TraceRequest;
import org.hopscope.app.gui.run.TransportSource;
import org.hopscope.app.gui.store.TraceFiles;
import org.hopscope.engine.format.TraceDocument;
import org.hopscope.engine.format.TraceDocumentException;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.transport.helper.HelperLocator;
import org.hopscope.engine.trace.TraceStatus;

/**
 * State and actions of the main window. FX thread only; everything slow or engine-side is handed to
 * a {@link TraceJob} or to the {@link FxDispatcher}, and comes back through it.
 */
public final class MainViewModel {
    public final StringProperty target = new SimpleStringProperty("");
    public final TargetHistory history = new TargetHistory();
    public final TraceOptionsModel options = new TraceOptionsModel();
    public final ObjectProperty<LatencyThresholds> thresholds = new SimpleObjectProperty<>(LatencyThresholds.DEFAULT);
    public final ObjectProperty<PrivacyMask> exportMask = new SimpleObjectProperty<>(PrivacyMask.NONE);
    public final IntegerProperty selectedTtl = new SimpleIntegerProperty(-1);
    public final ObjectProperty<InetAddress> selectedAddress = new SimpleObjectProperty<>();
    public final ObjectProperty<FocusWindow> focus = new SimpleObjectProperty<>();
    public final BooleanProperty darkTheme = new SimpleBooleanProperty(false);

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper documentTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<TracePresentation> presentation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> lastAutosave = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UserMessage> lastMessage = new ReadOnlyObjectWrapper<>();

    private final FxDispatcher dispatcher;
    private final PresentationBuilder builder;
    private final DemoNetworkSource demo;
    private final TransportSource real;
    /** Names known without lookups (demo router names, names stored in an opened document). */
    private final Map<InetAddress, String> names = new ConcurrentHashMap<>();
    private Consumer<UserMessage> messages = m -> lastMessage.set(m);
    private volatile PresentationOptions presentationOptions = PresentationOptions.DEFAULT;
    private TraceJob job;
    private FxDispatcher.Feed<Update> feed;
    private boolean autosave = true;
    private Consumer<Path> checkReports;

    /** A message for a dialog or notification. */
    public record UserMessage(Kind kind, String title, String text) {
        public enum Kind { INFO, ERROR }
    }

    private record Update(TracePresentation presentation, double progress, String transport) {
    }

    public MainViewModel(FxDispatcher dispatcher) {
        this(dispatcher, new EngineDiagnostician(), new DemoNetworkSource(), new RealNetworkSource());
    }

    public MainViewModel(FxDispatcher dispatcher, Diagnostician diagnostician, DemoNetworkSource demo,
            TransportSource real) {
        this.dispatcher = dispatcher;
        this.builder = new PresentationBuilder(diagnostician);
        this.demo = demo;
        this.real = real;
        status.set("Ready. " + real.describe() + " No network or privileges? Try the Demo network.");
        thresholds.addListener((o, a, b) -> refresh());
        focus.addListener((o, a, b) -> refresh());
        selectedTtl.addListener((o, a, b) -> {
            if (presentation.get() != null && presentation.get().rounds() > 0) {
                refresh(); // the timeline follows the selected hop
            } else {
                updateOptions();
            }
        });
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty documentTitleProperty() {
        return documentTitle.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TracePresentation> presentationProperty() {
        return presentation.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> lastAutosaveProperty() {
        return lastAutosave.getReadOnlyProperty();
    }

    public TracePresentation presentation() {
        return presentation.get();
    }

    public void onMessage(Consumer<UserMessage> handler) {
        this.messages = m -> {
            lastMessage.set(m);
            handler.accept(m);
        };
    }

    /** The last message shown to the user (dialogs are transient; tests and logs read this). */
    public ReadOnlyObjectProperty<UserMessage> lastMessageProperty() {
        return lastMessage.getReadOnlyProperty();
    }

    /** Who opens connectivity check reports given to {@link #open} (the check window). */
    public void onCheckReport(Consumer<Path> opener) {
        this.checkReports = opener;
    }

    public void setAutosave(boolean on) {
        autosave = on;
    }

    /** "applied N of M, last apply X ms" for the live feed, for logs and benchmarks. */
    public String feedStats() {
        FxDispatcher.Feed<Update> f = feed;
        return f == null ? "no feed" : "applied " + f.applied() + " of " + f.produced() + ", last apply "
                + String.format(java.util.Locale.ROOT, "%.1f ms", f.lastApplyNanos() / 1e6);
    }

    public FxDispatcher dispatcher() {
        return dispatcher;
    }

    /** Host names as the views and exports label them. */
    public Function<InetAddress, String> names() {
        return a -> {
            String n = names.get(a);
            return n != null ? n : demo.knownName(a);
        };
    }

    public AddressLabeler labeler() {
        return new AddressLabeler(PrivacyMask.NONE, null, names());
    }

    /** The snapshot shown now (live, finished or opened), or null. */
    public TraceSnapshot snapshot() {
        TraceJob j = job;
        TraceSnapshot s = j == null ? null : j.snapshot();
        return s != null ? s : presentation.get() == null ? null : presentation.get().snapshot();
    }

    // ------------------------------------------------------------------ actions

    /** Which network a target means: the demo network's names, or the real network. */
    public TransportSource sourceFor(String t) {
        return demo.accepts(t) ? demo : real;
    }

    /** Sets up the demo: target "demo", multipath, and starts. */
    public void startDemo() {
        if (running.get()) {
            return;
        }
        target.set(DemoNetworkSource.TARGET);
        options.mode.set(TraceMode.MULTIPATH);
        start();
    }

    public void start() {
        if (running.get()) {
            return;
        }
        String t = target.get() == null ? "" : target.get().trim();
        if (t.isEmpty()) {
            messages.accept(new UserMessage(UserMessage.Kind.INFO, "No target",
                    "Type a host name or address to trace, or pick \"demo\" for the built-in demo network."));
            return;
        }
        TransportSource source = sourceFor(t);
        if (!source.available()) {
            status.set(source.describe());
            messages.accept(new UserMessage(UserMessage.Kind.ERROR, "Cannot probe the real network", source.describe()));
            return;
        }
        if (options.inSession()) {
            explainInSession(source, t);
            return;
        }
        TraceRequest request;
        try {
            request = new TraceRequest(options.settings(t), options.mode.get(), Math.max(1, options.flows.get()),
                    Duration.ofMillis(Math.max(10, options.intervalMillis.get())), source);
        } catch (IllegalArgumentException e) {
            messages.accept(new UserMessage(UserMessage.Kind.ERROR, "Invalid option", e.getMessage()));
            return;
        }
        history.remember(t);
        focus.set(null);
        selectedTtl.set(-1);
        selectedAddress.set(null);
        readOnly.set(false);
        documentTitle.set(t);
        names.clear();
        attach(TraceJobs.create(request, () -> signal(), snap -> dispatcher.onFx(() -> finished(snap))));
        running.set(true);
        progress.set(request.mode() == TraceMode.CONTINUOUS ? -1 : 0);
        status.set(source.describe() + "  Tracing " + t + " (" + request.mode().label() + ")…");
        job.start();
    }

    /** TCP InSession cannot run in the window: say why (demo, no helper, or use the CLI), never fail. */
    private void explainInSession(TransportSource source, String t) {
        int port = options.port.get();
        dispatcher.background(() -> InSessionSupport.unavailableReason(source, t, port, HelperLocator.forThisProcess()),
                why -> {
                    status.set(why);
                    messages.accept(new UserMessage(UserMessage.Kind.INFO, "TCP in session is unavailable", why));
                }, e -> messages.accept(new UserMessage(UserMessage.Kind.ERROR, "TCP in session is unavailable",
                        String.valueOf(e.getMessage()))));
    }

    public void stop() {
        if (job != null && running.get()) {
            job.stop();
            status.set("Stopping…");
        }
    }

    private void signal() {
        FxDispatcher.Feed<Update> f = feed;
        if (f != null) {
            f.signal();
        }
    }

    private void attach(TraceJob j) {
        if (job != null) {
            job.stop();
        }
        job = j;
        updateOptions();
        feed = dispatcher.feed(() -> new Update(j.present(builder, presentationOptions), j.progress(),
                j.transportNote()), u -> {
            if (job != j) {
                return; // a result of a trace that was replaced meanwhile
            }
            if (u.presentation() != null) {
                presentation.set(u.presentation());
            }
            if (running.get() && u.progress() >= 0) {
                progress.set(u.progress());
            }
            if (running.get() && !u.transport().isEmpty() && !status.get().startsWith(u.transport())) {
                // the status line says which transport the trace actually got, and what it implies
                status.set(u.transport() + "  Tracing " + target.get() + "…");
            }
        });
    }

    private void finished(TraceSnapshot s) {
        TraceJob j = job;
        running.set(false);
        progress.set(1);
        signal();
        String failure = j == null ? "" : j.failure();
        if (!failure.isEmpty()) {
            status.set(failure);
            messages.accept(new UserMessage(UserMessage.Kind.ERROR, "Trace failed", failure));
            return;
        }
        if (s == null) {
            status.set("Stopped.");
            return;
        }
        status.set(describeEnd(s));
        if (autosave && s.probesSent() > 0) {
            Function<InetAddress, String> n = names();
            dispatcher.background(() -> {
                try {
                    return TraceFiles.autosave(s, n);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, p -> {
                lastAutosave.set(p);
                status.set(describeEnd(s) + "  Saved to " + p);
            }, e -> status.set(describeEnd(s) + "  Could not save automatically: " + e.getMessage()));
        }
    }

    private static String describeEnd(TraceSnapshot s) {
        long hops = s.hops().size();
        return switch (s.status()) {
            case REACHED -> "Finished: destination reached in " + hops + " hops, " + s.probesSent() + " probes.";
            case NOT_REACHED -> "Finished: the destination did not answer (" + hops + " hops shown).";
            case STOPPED -> "Stopped after " + s.probesSent() + " probes.";
            case FAILED -> "Failed: " + s.statusDetail();
            case RUNNING -> "Running…";
        };
    }

    /** Opens a trace document off the FX thread; errors come back as a message, nothing shown changes. */
    public void open(Path file) {
        if (running.get()) {
            stop();
        }
        dispatcher.background(() -> {
            if (checkReports != null && CheckDocumentReader.looksLikeCheckReport(file)) {
                return null; // a connectivity check report: the check window shows it
            }
            try {
                return TraceFiles.open(file);
            } catch (TraceDocumentException e) {
                throw new DocumentFailure(e);
            }
        }, doc -> {
            if (doc == null) {
                checkReports.accept(file);
            } else {
                show(doc, file.getFileName().toString());
            }
        }, e -> {
            String text = e instanceof DocumentFailure df ? df.getCause().getMessage() : String.valueOf(e.getMessage());
            boolean newer = e instanceof DocumentFailure df
                    && ((TraceDocumentException) df.getCause()).reason() == TraceDocumentException.Reason.NEWER_VERSION;
            messages.accept(new UserMessage(UserMessage.Kind.ERROR, "Cannot open " + file.getFileName(),
                    text + (newer ? " Update Hopscope to open it." : "") + " Nothing was changed."));
        });
    }

    /** Shows an opened document: presented like a live trace, read-only. */
    public void show(TraceDocument doc, String title) {
        names.clear();
        names.putAll(doc.hostNames());
        focus.set(null);
        selectedTtl.set(-1);
        selectedAddress.set(null);
        readOnly.set(true);
        documentTitle.set(title);
        TraceSnapshot s = doc.snapshot();
        target.set(s.settings().target());
        attach(new StaticTrace(s));
        status.set("Opened " + title + " (read-only): " + describeEnd(s));
        signal();
    }

    /**
     * Reads a saved trace off the FX thread and hands it, with the trace shown now, to {@code show};
     * a file that cannot be read becomes a message.
     */
    public void compareWith(Path file, java.util.function.BiConsumer<TraceSnapshot, TraceSnapshot> show) {
        TracePresentation p = presentation.get();
        if (p == null) {
            return;
        }
        TraceSnapshot current = p.snapshot();
        dispatcher.background(() -> {
            try {
                return TraceFiles.open(file);
            } catch (TraceDocumentException e) {
                throw new DocumentFailure(e);
            }
        }, doc -> show.accept(current, doc.snapshot()), e -> messages.accept(new UserMessage(UserMessage.Kind.ERROR,
                "Cannot compare with " + file.getFileName(), String.valueOf(e.getCause() != null
                        ? e.getCause().getMessage() : e.getMessage()))));
    }

    private static final class DocumentFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DocumentFailure(TraceDocumentException cause) {
            super(cause);
        }
    }

    /** Recomputes the presentation with the current thresholds, focus and selection. */
    public void refresh() {
        updateOptions();
        signal();
    }

    private void updateOptions() {
        presentationOptions = new PresentationOptions(thresholds.get(), labeler(), focus.get(), selectedTtl.get());
    }

    public void select(int ttl, InetAddress address) {
        selectedAddress.set(address);
        selectedTtl.set(ttl);
    }

    public void report(UserMessage m) {
        messages.accept(m);
    }

    public void setStatus(String text) {
        status.set(text);
    }

    public boolean hasTrace() {
        return presentation.get() != null;
    }

    public boolean isContinuous() {
        TracePresentation p = presentation.get();
        return p != null && p.rounds() > 0;
    }

    public TraceStatus traceStatus() {
        TraceSnapshot s = snapshot();
        return s == null ? null : s.status();
    }
}
