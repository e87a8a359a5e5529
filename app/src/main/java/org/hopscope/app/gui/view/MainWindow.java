package org.hopscope.app.gui.view;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.hopscope.app.gui.check.CheckView;
import org.hopscope.app.gui.check.CheckViewModel;
import org.hopscope.app.gui.export.ExportFormat;
import org.hopscope.app.gui.export.ExportService;
import org.hopscope.app.gui.store.GuiSettings;
import org.hopscope.app.gui.store.XdgPaths;
import org.hopscope.app.gui.viewmodel.MainViewModel;
import org.hopscope.engine.HopscopeVersion;

/**
 * The main window: target bar and options on top; hop table over topology and chart on the left;
 * diagnosis over probe details on the right; status line at the bottom. Views only talk to the
 * {@link MainViewModel}.
 */
public final class MainWindow {
    public static final String LIGHT_CSS = "/org/hopscope/app/gui/hopscope.css";
    public static final String DARK_CSS = "/org/hopscope/app/gui/hopscope-dark.css";

    private final MainViewModel vm;
    private final Stage stage;
    private final ExportService exports;
    private final BorderPane root = new BorderPane();
    private final TargetBar targetBar;
    private final HopTableView table;
    private final TopologyCanvas topology;
    private final RttChartCanvas chart;
    private final DetailsPane details;
    private final DiagnosisPanel diagnosis;
    private final SplitPane main = new SplitPane();
    private final SplitPane left = new SplitPane();
    private final SplitPane lower = new SplitPane();
    private final SplitPane right = new SplitPane();
    private final Scene scene;
    private CheckView checkView;

    public MainWindow(Stage stage, MainViewModel vm, GuiSettings settings) {
        this.stage = stage;
        this.vm = vm;
        this.exports = new ExportService(vm);
        targetBar = new TargetBar(vm);
        table = new HopTableView(vm);
        topology = new TopologyCanvas(vm);
        chart = new RttChartCanvas(vm);
        details = new DetailsPane(vm);
        diagnosis = new DiagnosisPanel(vm);

        left.setOrientation(Orientation.VERTICAL);
        left.getItems().addAll(titled("Hops", table), titled("Topology — every path, left to right", topology));
        Tab chartTab = new Tab("Round-trip time", chart);
        Tab probesTab = new Tab("Probes", details);
        lower.getItems().add(new TabPane(chartTab, probesTab));
        ((TabPane) lower.getItems().get(0)).setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        ((TabPane) lower.getItems().get(0)).setId("lower-tabs");
        topology.setOnDrillDown(() -> ((TabPane) lower.getItems().get(0)).getSelectionModel().select(probesTab));
        right.setOrientation(Orientation.VERTICAL);
        right.getItems().addAll(diagnosis, lower.getItems().get(0));
        main.getItems().addAll(left, right);
        SplitPane.setResizableWithParent(right, false);

        javafx.scene.control.Button checkButton = new javafx.scene.control.Button("Check connectivity");
        checkButton.setId("check-button");
        checkButton.setOnAction(e -> checkView().show());
        javafx.scene.layout.HBox.setHgrow(targetBar, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(targetBar, checkButton);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        vm.onCheckReport(p -> checkView().open(p));
        VBox top = new VBox(menuBar(), bar, new OptionsPane(vm));
        top.getStyleClass().add("top-area");
        root.setTop(top);
        root.setCenter(main);
        root.setBottom(new StatusBar(vm));
        root.getStyleClass().add("main-window");

        scene = new Scene(root, settings.width, settings.height);
        applyTheme(vm.darkTheme.get());
        vm.darkTheme.addListener((o, a, d) -> applyTheme(d));
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.runningProperty().get()) {
                vm.stop();
                e.consume();
            }
        });
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) {
                vm.open(files.get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        vm.onMessage(m -> {
            Alert a = new Alert(m.kind() == MainViewModel.UserMessage.Kind.ERROR ? Alert.AlertType.ERROR
                    : Alert.AlertType.INFORMATION, m.text());
            a.initOwner(stage);
            a.setHeaderText(m.title());
            a.getDialogPane().setMinWidth(460);
            a.show(); // never showAndWait: a test or an engine hand-off must not block on a dialog
        });
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String doc = vm.documentTitleProperty().get();
            return (doc == null || doc.isEmpty() ? "" : doc + (vm.readOnlyProperty().get() ? " (read-only)" : "")
                    + " — ") + HopscopeVersion.NAME;
        }, vm.documentTitleProperty(), vm.readOnlyProperty()));
        stage.setScene(scene);
        restoreDividers(settings);
    }

    private static VBox titled(String title, javafx.scene.Node content) {
        Label l = new Label(title);
        l.getStyleClass().add("pane-title");
        VBox box = new VBox(l, content);
        box.getStyleClass().add("titled-area");
        VBox.setVgrow(content, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    private void applyTheme(boolean dark) {
        scene.getStylesheets().setAll(stylesheets(dark));
        root.getStyleClass().removeAll("theme-dark", "theme-light");
        root.getStyleClass().add(dark ? "theme-dark" : "theme-light");
    }

    public static List<String> stylesheets(boolean dark) {
        String light = MainWindow.class.getResource(LIGHT_CSS).toExternalForm();
        return dark ? List.of(light, MainWindow.class.getResource(DARK_CSS).toExternalForm()) : List.of(light);
    }

    private MenuBar menuBar() {
        Menu file = new Menu("_File");
        MenuItem open = item("_Open trace…", "Shortcut+O", this::openDialog);
        MenuItem save = item("_Save trace as…", "Shortcut+S", this::saveDialog);
        MenuItem export = item("_Export…", "Shortcut+E", this::exportDialog);
        MenuItem compare = item("Compare with saved trace…", null, this::compareDialog);
        MenuItem folder = item("Show saved traces folder", null,
                () -> vm.setStatus("Finished traces are saved automatically in " + XdgPaths.tracesDir()));
        MenuItem quit = item("_Quit", "Shortcut+Q", stage::close);
        Menu exportAs = new Menu("Export _as");
        for (ExportFormat f : ExportFormat.values()) {
            exportAs.getItems().add(item(f.label() + "…", null, () -> exportTo(f)));
        }
        file.getItems().addAll(open, save, export, exportAs, new SeparatorMenuItem(), compare, folder,
                new SeparatorMenuItem(), quit);

        Menu edit = new Menu("_Edit");
        edit.getItems().addAll(
                item("_Copy as text", "Shortcut+C", () -> copy(false)),
                item("Copy as _image", "Shortcut+Shift+C", () -> copy(true)));

        Menu trace = new Menu("_Trace");
        MenuItem start = item("_Start", null, vm::start);
        start.disableProperty().bind(vm.runningProperty());
        MenuItem stop = item("S_top (Esc)", null, vm::stop);
        stop.disableProperty().bind(vm.runningProperty().not());
        trace.getItems().addAll(start, stop, item("_Demo network", "Shortcut+D", vm::startDemo),
                item("_Check connectivity…", "Shortcut+K", () -> checkView().show()));

        Menu view = new Menu("_View");
        CheckMenuItem dark = new CheckMenuItem("_Dark theme");
        dark.selectedProperty().bindBidirectional(vm.darkTheme);
        view.getItems().addAll(dark, item("_Fit topology", "Shortcut+0", topology::fit),
                item("Clear focus window", null, () -> vm.focus.set(null)));

        Menu help = new Menu("_Help");
        help.getItems().addAll(item("How to read the results", "F1", this::showHelp),
                item("About Hopscope", null, () -> vm.report(new MainViewModel.UserMessage(
                        MainViewModel.UserMessage.Kind.INFO, HopscopeVersion.NAME + " " + HopscopeVersion.VERSION,
                        "Path diagnosis for load-balanced, NAT-ed, firewalled networks."))));
        MenuBar bar = new MenuBar(file, edit, trace, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem item(String text, String accel, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (accel != null) {
            m.setAccelerator(KeyCombination.keyCombination(accel));
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private void showHelp() {
        vm.report(new MainViewModel.UserMessage(MainViewModel.UserMessage.Kind.INFO, "How to read the results",
                "Loss or slow replies at a middle hop are usually harmless: routers rate-limit replies to themselves."
                        + " Only loss that continues to the destination hurts your traffic.\n\n"
                        + "Several addresses at one hop mean load balancing: different connections take different"
                        + " paths. The topology shows them all; edge width is the share of flows.\n\n"
                        + "Grey nodes never answered. N = NAT, M = MPLS, ! = TTL anomaly or apparent loop."));
    }

    private FileChooser chooser(String title, String ext, String description) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + ext));
        File dir = XdgPaths.tracesDir().toFile();
        if (dir.isDirectory()) {
            fc.setInitialDirectory(dir);
        }
        return fc;
    }

    private void openDialog() {
        FileChooser fc = chooser("Open trace", "json", "Hopscope traces");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*.*"));
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            vm.open(f.toPath());
        }
    }

    private void saveDialog() {
        if (!vm.hasTrace()) {
            return;
        }
        exportTo(ExportFormat.JSON);
    }

    private void exportDialog() {
        if (!vm.hasTrace()) {
            vm.setStatus("Nothing to export yet: run or open a trace first.");
            return;
        }
        ExportDialog.ask(stage, vm.exportMask.get()).ifPresent(c -> {
            vm.exportMask.set(c.mask());
            exportTo(c.format());
        });
    }

    private void exportTo(ExportFormat f) {
        if (!vm.hasTrace()) {
            vm.setStatus("Nothing to export yet: run or open a trace first.");
            return;
        }
        FileChooser fc = chooser("Export " + f.label(), f.extension(), f.label());
        String base = vm.presentation().snapshot().settings().target().replaceAll("[^A-Za-z0-9._-]", "_");
        fc.setInitialFileName("hopscope-" + base + "." + f.extension());
        File file = fc.showSaveDialog(stage);
        if (file != null) {
            export(f, file.toPath());
        }
    }

    /** Exports without dialogs (menu actions end here; tests call it directly). */
    public void export(ExportFormat f, Path file) {
        exports.export(f, file, vm.exportMask.get(), vm::setStatus, e -> vm.report(new MainViewModel.UserMessage(
                MainViewModel.UserMessage.Kind.ERROR, "Export failed", String.valueOf(e.getMessage()))));
    }

    private void copy(boolean image) {
        if (scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl t
                && !t.getSelectedText().isEmpty()) {
            t.copy(); // Ctrl+C in a text field copies its selection, as everywhere else
            return;
        }
        if (!vm.hasTrace()) {
            return;
        }
        exports.copy(vm.exportMask.get(), image);
        vm.setStatus(image ? "Copied the report image and text to the clipboard." : "Copied the trace as text.");
    }

    private void compareDialog() {
        if (!vm.hasTrace()) {
            vm.setStatus("Run or open a trace first, then compare it with a saved one.");
            return;
        }
        File f = chooser("Compare with", "json", "Hopscope traces").showOpenDialog(stage);
        if (f == null) {
            return;
        }
        vm.compareWith(f.toPath(), (current, other) -> CompareWindow.show(stage, current, "This trace", other,
                f.getName(), scene.getStylesheets()));
    }

    private void restoreDividers(GuiSettings s) {
        set(main, s.dividers.get("main"), 0.70);
        set(left, s.dividers.get("left"), 0.50);
        set(right, s.dividers.get("right"), 0.48);
    }

    private static void set(SplitPane p, double[] saved, double dflt) {
        p.setDividerPositions(saved != null && saved.length == 1 ? saved[0] : dflt);
    }

    public void storeState(GuiSettings s) {
        s.dividers.put("main", main.getDividerPositions());
        s.dividers.put("left", left.getDividerPositions());
        s.dividers.put("right", right.getDividerPositions());
        s.theme = vm.darkTheme.get() ? "dark" : "light";
        s.maximized = stage.isMaximized();
        if (!stage.isMaximized()) {
            s.x = stage.getX();
            s.y = stage.getY();
            s.width = stage.getWidth();
            s.height = stage.getHeight();
        }
    }

    /** The menu shortcuts as shown to the user (e.g. "Ctrl+O"), for the help text and tests. */
    public List<String> acceleratorTexts() {
        List<String> out = new java.util.ArrayList<>();
        MenuBar bar = (MenuBar) scene.lookup("#menu-bar");
        for (Menu m : bar.getMenus()) {
            collectAccelerators(m, out);
        }
        return out;
    }

    private static void collectAccelerators(Menu menu, List<String> out) {
        for (MenuItem i : menu.getItems()) {
            if (i instanceof Menu sub) {
                collectAccelerators(sub, out);
            } else if (i.getAccelerator() != null) {
                out.add(i.getAccelerator().getDisplayText());
            }
        }
    }

    public Scene scene() {
        return scene;
    }

    public TargetBar targetBar() {
        return targetBar;
    }

    public HopTableView table() {
        return table;
    }

    public TopologyCanvas topology() {
        return topology;
    }

    public RttChartCanvas chart() {
        return chart;
    }

    public DetailsPane details() {
        return details;
    }

    public DiagnosisPanel diagnosis() {
        return diagnosis;
    }

    /** The connectivity check window (issue 9), made on first use. */
    public CheckView checkView() {
        if (checkView == null) {
            checkView = new CheckView(stage, new CheckViewModel(vm.dispatcher(), vm), scene.getStylesheets());
        }
        return checkView;
    }

    public ExportService exports() {
        return exports;
    }

}
