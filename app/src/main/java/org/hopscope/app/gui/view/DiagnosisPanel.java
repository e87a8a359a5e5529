package org.hopscope.app.gui.view;

import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.hopscope.app.gui.model.Verdict;
import org.hopscope.app.gui.viewmodel.MainViewModel;

/**
 * The engine's plain-language findings (see {@link org.hopscope.app.gui.model.EngineDiagnostician}),
 * most serious first: a severity dot with a glyph, a title, the sentence and its evidence; clicking
 * one selects the hop and address it names.
 */
public final class DiagnosisPanel extends VBox {
    private final ObservableList<Verdict> verdicts = FXCollections.observableArrayList();
    private final ListView<Verdict> list = new ListView<>(verdicts);

    public DiagnosisPanel(MainViewModel vm) {
        setId("diagnosis");
        getStyleClass().add("diagnosis");
        Label title = new Label("Diagnosis");
        title.getStyleClass().add("pane-title");
        list.setId("verdict-list");
        list.setPlaceholder(new Label("Findings in plain language appear here."));
        list.setCellFactory(l -> new ListCell<>() {
            {
                setPrefWidth(0); // let text wrap to the list's width instead of widening it
            }

            @Override
            protected void updateItem(Verdict v, boolean empty) {
                super.updateItem(v, empty);
                if (empty || v == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                String sev = v.severity().name().toLowerCase(Locale.ROOT);
                Circle dot = new Circle(7);
                dot.getStyleClass().addAll("severity-dot", "severity-" + sev);
                Label glyph = new Label(icon(v.severity()));
                glyph.getStyleClass().add("severity-glyph");
                StackPane badge = new StackPane(dot, glyph);
                badge.setMinWidth(16);
                Label head = new Label(v.title());
                head.getStyleClass().add("verdict-title");
                head.setWrapText(true);
                Label body = new Label(v.explanation());
                body.getStyleClass().add("verdict-text");
                body.setWrapText(true);
                VBox text = new VBox(2, head, body);
                if (!v.evidence().isEmpty()) {
                    Label evidence = new Label(v.evidence());
                    evidence.getStyleClass().add("verdict-evidence");
                    evidence.setWrapText(true);
                    text.getChildren().add(evidence);
                }
                text.setMaxWidth(Double.MAX_VALUE);
                HBox.setHgrow(text, Priority.ALWAYS);
                text.prefWidthProperty().bind(l.widthProperty().subtract(44));
                HBox box = new HBox(8, badge, text);
                box.setAlignment(Pos.TOP_LEFT);
                setAccessibleText(v.title() + ". " + v.explanation());
                setGraphic(box);
                setText(null);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> {
            if (v != null && v.firstHop() > 0) {
                vm.select(v.firstHop(), v.firstAddress());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(title, list);
        vm.presentationProperty().addListener((o, a, p) -> {
            if (p == null) {
                verdicts.clear();
            } else if (!p.verdicts().equals(verdicts)) {
                verdicts.setAll(p.verdicts());
            }
        });
    }

    /** A glyph on the severity dot, so severity does not rest on colour alone. */
    static String icon(Verdict.Severity s) {
        return switch (s) {
            case OK -> "\u2713";
            case INFO -> "i";
            case WARNING -> "!";
            case PROBLEM -> "\u00d7";
        };
    }

    public ObservableList<Verdict> verdicts() {
        return verdicts;
    }

    public ListView<Verdict> list() {
        return list;
    }
}
