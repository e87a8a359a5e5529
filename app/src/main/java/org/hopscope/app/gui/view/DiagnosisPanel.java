package org.hopscope.app.gui.view;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.hopscope.app.gui.model.Verdict;
import org.hopscope.app.gui.viewmodel.MainViewModel;

/** Plain-language verdicts, most serious first; clicking one selects the hop it names. */
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
                Circle dot = new Circle(5);
                dot.getStyleClass().addAll("severity-dot", "severity-" + v.severity().name().toLowerCase(java.util.Locale.ROOT));
                Label head = new Label(v.title());
                head.getStyleClass().add("verdict-title");
                head.setWrapText(true);
                Label body = new Label(v.explanation());
                body.getStyleClass().add("verdict-text");
                body.setWrapText(true);
                VBox text = new VBox(2, head, body);
                text.setMaxWidth(Double.MAX_VALUE);
                HBox.setHgrow(text, Priority.ALWAYS);
                text.prefWidthProperty().bind(l.widthProperty().subtract(44));
                HBox box = new HBox(8, dot, text);
                setGraphic(box);
                setText(null);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> {
            if (v != null && v.firstHop() > 0) {
                vm.select(v.firstHop(), null);
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

    public ObservableList<Verdict> verdicts() {
        return verdicts;
    }

    public ListView<Verdict> list() {
        return list;
    }
}
