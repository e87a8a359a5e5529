package org.hopscope.app.gui.view;

import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.hopscope.app.gui.export.ExportFormat;
import org.hopscope.app.gui.model.PrivacyMask;

/** Asks what to export and what to hide; the file name is asked next. */
public final class ExportDialog {
    public record Choice(ExportFormat format, PrivacyMask mask) {
    }

    private ExportDialog() {
    }

    public static Optional<Choice> ask(Window owner, PrivacyMask initial) {
        Dialog<Choice> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Export trace");
        d.setHeaderText("Every export carries the target, times, probe settings, transport and version.");
        ChoiceBox<ExportFormat> format = new ChoiceBox<>(FXCollections.observableArrayList(ExportFormat.values()));
        format.setValue(ExportFormat.PNG_REPORT);
        Spinner<Integer> hops = new Spinner<>(0, 255, initial.firstHops());
        hops.setEditable(true);
        CheckBox source = new CheckBox("Hide my own (source/public) address");
        source.setSelected(initial.hideSource());
        Label note = new Label();
        note.setWrapText(true);
        note.setMaxWidth(420);
        format.valueProperty().addListener((o, a, f) -> note.setText(f.maskable() ? ""
                : "JSON and pcap keep the raw data so the trace can be re-opened: the mask does not apply."));
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.addRow(0, new Label("Format"), format);
        g.addRow(1, new Label("Hide the first hops"), hops);
        g.add(source, 1, 2);
        g.add(note, 0, 3, 2, 1);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK
                ? new Choice(format.getValue(), new PrivacyMask(hops.getValue(), source.isSelected())) : null);
        return d.showAndWait();
    }
}
