package org.hopscope.app.gui.check;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The connectivity check window: targets and budget on top, progress, the overall status as a
 * coloured banner, then one row per target and segment with its sentence and a link to the hops it
 * is about (opens that target's trace in the main window at that hop). Talks only to the {@link
 * CheckViewModel}.
 */
public final class CheckView {
    private final CheckViewModel vm;
    private final Stage stage = new Stage();
    private final TableView<Row> table = new TableView<>();
    private final Label overall = new Label();
    private final Label headline = new Label();
    private final HBox banner = new HBox(16, overall, headline);
    private final Label machine = new Label();
    private final Scene scene;

    /** One table row: a target's verdict on one segment ({@code first}: the target's first row). */
    public record Row(CheckDocument.Target target, CheckDocument.Verdict verdict, boolean first) {
    }

    /** @param stylesheets the main window's (followed: the theme changes with it) */
    public CheckView(Stage owner, CheckViewModel vm, ObservableList<String> stylesheets) {
        this.vm = vm;
        stage.initOwner(owner);
        stage.setTitle("Connectivity check — Hopscope");

        TextField targets = new TextField();
        targets.setId("check-targets");
        targets.setPromptText("host[:port], …  (saved in your settings)");
        targets.textProperty().bindBidirectional(vm.targets);
        targets.setOnAction(e -> vm.run());
        HBox.setHgrow(targets, Priority.ALWAYS);
        CheckBox demo = new CheckBox("Demo network");
        demo.setId("check-demo");
        demo.selectedProperty().bindBidirectional(vm.demo);
        Spinner<Integer> budget = new Spinner<>(CheckViewModel.MIN_BUDGET, CheckViewModel.MAX_BUDGET,
                vm.budgetSeconds.get(), 5);
        budget.setId("check-budget");
        budget.setEditable(true);
        budget.setPrefWidth(80);
        budget.valueProperty().addListener((o, a, b) -> vm.budgetSeconds.set(b));
        vm.budgetSeconds.addListener((o, a, b) -> budget.getValueFactory().setValue(b.intValue()));
        Button run = new Button("Run check");
        run.setId("check-run");
        run.getStyleClass().add("start-button");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.run());
        HBox top = new HBox(8, new Label("Targets"), targets, demo, new Label("Seconds"), budget, run);
        top.setAlignment(Pos.CENTER_LEFT);

        ProgressBar progress = new ProgressBar();
        progress.setId("check-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.setPrefWidth(220);
        Label status = new Label();
        status.setId("check-status");
        status.textProperty().bind(vm.statusProperty());
        HBox progressLine = new HBox(10, progress, status);
        progressLine.setAlignment(Pos.CENTER_LEFT);

        overall.setId("check-overall");
        overall.setStyle("-fx-font-size: 22px; -fx-font-weight: bold; -fx-text-fill: white;");
        headline.setStyle("-fx-font-size: 14px; -fx-text-fill: white;");
        headline.setWrapText(true);
        banner.setId("check-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(10, 16, 10, 16));
        machine.setId("check-machine");
        machine.setWrapText(true);
        CheckBox mask = new CheckBox("Privacy mask (hide this machine's name and address)");
        mask.setId("check-mask");
        mask.selectedProperty().bindBidirectional(vm.mask);

        buildTable();

        Button export = new Button("Export report…");
        export.setId("check-export");
        export.setOnAction(e -> exportDialog());
        Button copy = new Button("Copy summary");
        copy.setId("check-copy");
        copy.setOnAction(e -> copySummary());
        Button open = new Button("Open report…");
        open.setId("check-open");
        open.setOnAction(e -> openDialog());
        export.disableProperty().bind(vm.documentProperty().isNull());
        copy.disableProperty().bind(vm.documentProperty().isNull());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bottom = new HBox(8, mask, gap, open, copy, export);
        bottom.setAlignment(Pos.CENTER_LEFT);

        VBox head = new VBox(10, top, progressLine, banner, machine);
        BorderPane root = new BorderPane(table, head, null, bottom, null);
        BorderPane.setMargin(table, new Insets(10, 0, 10, 0));
        root.setPadding(new Insets(12));
        root.getStyleClass().add("check-window");
        scene = new Scene(root, 1240, 780);
        javafx.beans.binding.Bindings.bindContent(scene.getStylesheets(), stylesheets);
        stage.setScene(scene);

        vm.documentProperty().addListener((o, a, d) -> show(d));
        show(vm.document());
    }

    private void buildTable() {
        table.setId("check-verdicts");
        table.setPlaceholder(new Label("Run the check to see a verdict for each part of the path."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Row, String> target = column("Target", 190,
                r -> r.first() ? r.target().target() + "\n" + r.target().status().toUpperCase(Locale.ROOT) : "");
        target.setStyle("-fx-font-weight: bold;");
        TableColumn<Row, String> segment = column("Segment", 150, r -> r.verdict().label());
        TableColumn<Row, String> status = column("Status", 100, r -> r.verdict().status());
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setText(null);
                    setStyle("");
                    return;
                }
                setText(s.toUpperCase(Locale.ROOT));
                setStyle("-fx-text-fill: white; -fx-font-weight: bold; -fx-alignment: center; -fx-background-color: "
                        + web(CheckReportPainter.color(s)) + "; -fx-background-insets: 3;");
            }
        });
        TableColumn<Row, String> sentence = column("What was found", 560, r -> r.verdict().sentence());
        sentence.setCellFactory(c -> {
            // a Text with a wrapping width makes the row as tall as the sentence (a Label would clip)
            TableCell<Row, String> cell = new TableCell<>();
            Text text = new Text();
            text.wrappingWidthProperty().bind(c.widthProperty().subtract(14));
            text.textProperty().bind(cell.itemProperty());
            text.fillProperty().bind(cell.textFillProperty());
            cell.setGraphic(text);
            cell.setPrefHeight(Control.USE_COMPUTED_SIZE);
            return cell;
        });
        TableColumn<Row, Row> evidence = new TableColumn<>("Evidence");
        evidence.setPrefWidth(140);
        evidence.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        evidence.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Row r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null || !r.target().hasTrace()) {
                    setGraphic(null);
                    return;
                }
                String hops = r.verdict().hopsText();
                Hyperlink link = new Hyperlink((hops.isEmpty() ? "trace" : hops) + " ↗");
                link.getStyleClass().add("check-evidence");
                link.setOnAction(e -> openTrace(r));
                setGraphic(link);
            }
        });
        table.getColumns().setAll(List.of(target, segment, status, sentence, evidence));
        table.setRowFactory(t -> {
            TableRow<Row> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    openTrace(row.getItem());
                }
            });
            return row;
        });
    }

    private static TableColumn<Row, String> column(String title, double width,
            java.util.function.Function<Row, String> value) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(value.apply(x.getValue())));
        return c;
    }

    private void openTrace(Row r) {
        List<Integer> ttls = r.verdict().ttls();
        vm.openTrace(r.target(), ttls.isEmpty() ? -1 : ttls.get(0));
        if (stage.getOwner() instanceof Stage main) {
            main.toFront();
        }
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }

    private void show(CheckDocument d) {
        ObservableList<Row> rows = FXCollections.observableArrayList();
        if (d == null) {
            overall.setText("No result yet");
            headline.setText("The check traces every target in parallel, times DNS and a TCP connection, and"
                    + " judges each part of the path.");
            banner.setStyle("-fx-background-color: #8c959f; -fx-background-radius: 6;");
            machine.setText("");
            table.setItems(rows);
            return;
        }
        overall.setText(symbol(d.status()) + " " + d.status().toUpperCase(Locale.ROOT));
        headline.setText(CheckReportPainter.headline(d.status()));
        banner.setStyle("-fx-background-color: " + web(CheckReportPainter.color(d.status()))
                + "; -fx-background-radius: 6;");
        CheckDocument.Machine m = d.machine();
        machine.setText("Check of " + d.startedText() + ", ran " + Math.round(d.durationMs() / 1000.0)
                + " s · Machine: " + m.os()
                + (m.hostName() == null || m.hostName().isEmpty() ? "" : ", " + m.hostName()) + " · "
                + CheckReportPainter.networkLine(m));
        List<Row> out = new ArrayList<>();
        for (CheckDocument.Target t : d.targets()) {
            boolean first = true;
            for (CheckDocument.Verdict v : t.verdicts()) {
                out.add(new Row(t, v, first));
                first = false;
            }
        }
        rows.setAll(out);
        table.setItems(rows);
    }

    private static String symbol(String status) {
        return switch (status) {
            case "good" -> "✔";
            case "degraded" -> "▲";
            case "broken" -> "✖";
            default -> "?";
        };
    }

    private void exportDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export check report (PNG, with the JSON report next to it)");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        fc.setInitialFileName("hopscope-check.png");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            Path png = f.toPath();
            String name = png.getFileName().toString().replaceFirst("\\.png$", "");
            vm.export(png, png.resolveSibling(name + ".json"), p -> { });
        }
    }

    private void openDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open check report");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Hopscope check reports", "*.json"));
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            vm.open(f.toPath());
        }
    }

    /** Puts the ticket summary on the clipboard. */
    public void copySummary() {
        ClipboardContent c = new ClipboardContent();
        c.putString(vm.summary());
        Clipboard.getSystemClipboard().setContent(c);
        vm.setStatus("Copied the summary to the clipboard: paste it into the ticket.");
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    /** Shows the window with the report in {@code file}. */
    public void open(Path file) {
        show();
        vm.open(file);
    }

    public Stage stage() {
        return stage;
    }

    public Scene scene() {
        return scene;
    }

    public TableView<Row> table() {
        return table;
    }

    public CheckViewModel viewModel() {
        return vm;
    }
}
