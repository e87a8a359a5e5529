package org.hopscope.app.gui.view;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.hopscope.app.gui.run.TraceMode;
import org.hopscope.app.gui.viewmodel.MainViewModel;
import org.hopscope.app.gui.viewmodel.TargetHistory;
import org.hopscope.app.gui.viewmodel.ProtocolChoice;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;

/**
 * Target field (history drop-down, completion while typing; Enter starts), protocol and port, mode,
 * Start/Stop and the Demo network button.
 */
public final class TargetBar extends HBox {
    private final ComboBox<String> target = new ComboBox<>();
    private final Button start = new Button("Start");
    private final Button demo = new Button("Demo network");
    private boolean completing;

    public TargetBar(MainViewModel vm) {
        setId("target-bar");
        getStyleClass().add("target-bar");
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);

        target.setId("target");
        target.setEditable(true);
        target.setPromptText("host name or address, e.g. example.com — or \"demo\"");
        target.setItems(FXCollections.observableArrayList(vm.history.items()));
        target.setPrefWidth(320);
        target.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(target, Priority.ALWAYS);
        target.getEditor().textProperty().bindBidirectional(vm.target);
        target.getEditor().textProperty().addListener((o, a, typed) -> complete(vm, typed));
        target.setOnShowing(e -> {
            if (!completing) {
                target.getItems().setAll(vm.history.complete(""));
            }
        });
        // a filter: the combo box's own ENTER handling would otherwise consume the key first
        target.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                target.hide();
                vm.start();
                e.consume();
            }
        });
        target.valueProperty().addListener((o, a, v) -> {
            if (v != null && !completing) {
                vm.target.set(v);
            }
        });

        ComboBox<ProtocolChoice> protocol = new ComboBox<>(FXCollections.observableArrayList(ProtocolChoice.values()));
        protocol.setId("protocol");
        protocol.valueProperty().bindBidirectional(vm.options.protocolChoice);
        protocol.setTooltip(new Tooltip("UDP: like traceroute. ICMP: like Windows tracert. TCP: passes firewalls"
                + " that allow a service port (e.g. 443). TCP in session: probes inside a real TCP connection to"
                + " the port, which stateful firewalls let through; needs the installed helper."));

        Spinner<Integer> port = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 65535, 0));
        port.setId("port");
        port.setEditable(true);
        port.setPrefWidth(96);
        // 0 means "the protocol's default": say so instead of showing a port nobody uses
        port.getValueFactory().setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null || v == 0 ? "auto" : Integer.toString(v);
            }

            @Override
            public Integer fromString(String s) {
                try {
                    return s == null || s.isBlank() || s.trim().equalsIgnoreCase("auto") ? 0
                            : Math.max(0, Math.min(65535, Integer.parseInt(s.trim())));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        });
        port.getValueFactory().valueProperty().addListener((o, a, v) -> vm.options.port.set(v == null ? 0 : v));
        vm.options.port.addListener((o, a, v) -> port.getValueFactory().setValue(v.intValue()));
        port.getValueFactory().setValue(vm.options.port.get());
        port.setTooltip(new Tooltip("Destination port; 0 = default (UDP " + TraceSettings.DEFAULT_DESTINATION_PORT
                + ", TCP " + TraceSettings.DEFAULT_TCP_PORT + "). Not used by ICMP."));
        port.disableProperty().bind(vm.options.protocol.isEqualTo(ProbeProtocol.ICMP));

        ComboBox<TraceMode> mode = new ComboBox<>(FXCollections.observableArrayList(TraceMode.values()));
        mode.setId("mode");
        mode.valueProperty().bindBidirectional(vm.options.mode);
        mode.setTooltip(new Tooltip(String.join("\n", List.of(TraceMode.values()).stream()
                .map(m -> m.label() + ": " + m.description()).toList())));

        start.setId("start");
        start.setDefaultButton(false);
        start.getStyleClass().add("start-button");
        start.setMinWidth(76);
        start.textProperty().bind(javafx.beans.binding.Bindings.when(vm.runningProperty()).then("Stop").otherwise("Start"));
        start.setOnAction(e -> {
            if (vm.runningProperty().get()) {
                vm.stop();
            } else {
                vm.start();
            }
        });
        start.setTooltip(new Tooltip("Enter starts, Esc stops"));

        demo.setId("demo");
        demo.getStyleClass().add("demo-button");
        demo.setTooltip(new Tooltip("Trace the built-in simulated network: load balancing, NAT, MPLS, silent and"
                + " rate-limited routers. Nothing leaves this computer."));
        demo.setOnAction(e -> vm.startDemo());
        demo.disableProperty().bind(vm.runningProperty());

        Label tl = new Label("Target");
        tl.setLabelFor(target);
        Region gap = new Region();
        gap.setMinWidth(4);
        getChildren().addAll(tl, target, new Label("Protocol"), protocol, new Label("Port"), port, new Label("Mode"),
                mode, start, gap, demo);
        vm.history.items().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!completing) {
                completing = true;
                try {
                    String text = target.getEditor().getText();
                    target.getItems().setAll(vm.history.complete(""));
                    target.getEditor().setText(text);
                } finally {
                    completing = false;
                }
            }
        });
    }

    /** Shows matching history entries under the field while typing; the typed text stays as is. */
    private void complete(MainViewModel vm, String typed) {
        if (completing || !target.getEditor().isFocused() || typed == null) {
            return;
        }
        completing = true;
        try {
            List<String> matches = typed.isBlank() ? List.of() : vm.history.complete(typed);
            if (matches.isEmpty() || (matches.size() == 1 && matches.get(0).equals(typed))) {
                target.hide();
            } else {
                int caret = target.getEditor().getCaretPosition();
                target.getItems().setAll(matches);
                target.getEditor().setText(typed);
                target.getEditor().positionCaret(caret);
                vm.dispatcher().onFx(() -> { // after this key event is done, like every deferred FX action
                    if (target.getEditor().isFocused() && !target.isShowing()) {
                        target.show();
                    }
                });
            }
        } finally {
            completing = false;
        }
    }

    public ComboBox<String> targetField() {
        return target;
    }

    public Button startButton() {
        return start;
    }

    public Button demoButton() {
        return demo;
    }

    static boolean isDemo(String t) {
        return TargetHistory.DEMO.equalsIgnoreCase(t.trim());
    }
}
