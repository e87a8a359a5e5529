package org.hopscope.app.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.hopscope.app.gui.fx.FxDispatcher;
import org.hopscope.app.gui.model.LatencyThresholds;
import org.hopscope.app.gui.model.PrivacyMask;
import org.hopscope.app.gui.store.GuiSettings;
import org.hopscope.app.gui.store.GuiSettingsStore;
import org.hopscope.app.gui.view.MainWindow;
import org.hopscope.app.gui.viewmodel.MainViewModel;

/**
 * The desktop application. {@code org.hopscope.app.Main} calls {@link #launch(String[])} with no
 * arguments, or with a single trace file to open.
 */
public final class HopscopeApp extends Application {
    private static volatile Runnable onShown = () -> { };
    private Handle handle;

    /** What a running window consists of; tests and benchmarks drive it through this. */
    public record Handle(Stage stage, MainWindow window, MainViewModel viewModel, FxDispatcher dispatcher,
            GuiSettingsStore store, GuiSettings settings) {

        /** Remembers window state and options, stops the trace, releases the dispatcher. */
        public void close() {
            window.storeState(settings);
            viewModel.options.store(settings);
            settings.history = List.copyOf(viewModel.history.items());
            settings.warningMs = viewModel.thresholds.get().warningMs();
            settings.criticalMs = viewModel.thresholds.get().criticalMs();
            settings.maskHops = viewModel.exportMask.get().firstHops();
            settings.hideSource = viewModel.exportMask.get().hideSource();
            try {
                store.save(settings);
            } catch (java.io.IOException e) {
                // losing window geometry is not worth bothering the user on exit
            }
            viewModel.stop();
            dispatcher.close();
        }
    }

    public static void launch(String[] args) {
        StartupReport.mark("main");
        Application.launch(HopscopeApp.class, args);
    }

    /** For the start-up benchmark: runs once the window is showing. */
    public static void onShown(Runnable r) {
        onShown = r;
    }

    @Override
    public void start(Stage stage) {
        StartupReport.mark("toolkit");
        handle = create(stage, GuiSettingsStore.standard(), getParameters().getRaw());
        StartupReport.mark("built");
        stage.setOnHidden(e -> {
            handle.close();
            Platform.exit();
        });
        stage.show();
        StartupReport.mark("shown");
        handle.viewModel().dispatcher().onFx(StartupReport.wanted() ? StartupReport::reportAndExit : onShown);
    }

    /** Builds the window on {@code stage} (not yet shown), restoring settings and opening a file argument. */
    public static Handle create(Stage stage, GuiSettingsStore store, List<String> args) {
        return create(stage, store, args, MainViewModel::new);
    }

    /** As above with another view-model (tests give it a different simulated network). */
    public static Handle create(Stage stage, GuiSettingsStore store, List<String> args,
            java.util.function.Function<FxDispatcher, MainViewModel> viewModel) {
        GuiSettings settings = store.load();
        FxDispatcher dispatcher = new FxDispatcher();
        MainViewModel vm = viewModel.apply(dispatcher);
        vm.options.load(settings);
        vm.history.items().setAll(settings.history);
        vm.darkTheme.set("dark".equals(settings.theme));
        try {
            vm.thresholds.set(new LatencyThresholds(settings.warningMs, settings.criticalMs));
            vm.exportMask.set(new PrivacyMask(settings.maskHops, settings.hideSource));
        } catch (IllegalArgumentException e) {
            // keep defaults for out-of-range saved values
        }
        MainWindow window = new MainWindow(stage, vm, settings);
        if (!Double.isNaN(settings.x) && !Double.isNaN(settings.y)) {
            stage.setX(settings.x);
            stage.setY(settings.y);
        }
        stage.setMaximized(settings.maximized);
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        for (String a : args) {
            Path p = Path.of(a);
            if (Files.isRegularFile(p)) {
                vm.open(p);
                break;
            }
        }
        return new Handle(stage, window, vm, dispatcher, store, settings);
    }
}
