package org.hopscope.app.gui.view;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.hopscope.app.gui.viewmodel.MainViewModel;

/** Which transport is used and what that implies, what the trace is doing, and its progress. */
public final class StatusBar extends HBox {
    private final Label text = new Label();
    private final ProgressBar progress = new ProgressBar(0);

    public StatusBar(MainViewModel vm) {
        setId("status-bar");
        getStyleClass().add("status-bar");
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        text.setId("status");
        text.textProperty().bind(vm.statusProperty());
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        progress.setId("progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(vm.progressProperty());
        // an open-ended (continuous) run shows a static "live" mark: an indeterminate bar would
        // animate every frame and keep the FX and render threads busy for as long as it runs
        var openEnded = vm.progressProperty().lessThan(0);
        progress.visibleProperty().bind(vm.runningProperty().and(openEnded.not()));
        progress.managedProperty().bind(progress.visibleProperty());
        Label live = new Label("● live");
        live.setId("live");
        live.getStyleClass().add("live-mark");
        live.visibleProperty().bind(vm.runningProperty().and(openEnded));
        live.managedProperty().bind(live.visibleProperty());
        getChildren().addAll(text, live, progress);
    }
}
