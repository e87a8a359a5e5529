package org.hopscope.app.gui.view;

import javafx.beans.property.IntegerProperty;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.hopscope.app.gui.model.LatencyThresholds;
import org.hopscope.app.gui.viewmodel.MainViewModel;

/** "More options", collapsed by default: the knobs a helpdesk user never needs but an engineer does. */
public final class OptionsPane extends TitledPane {

    public OptionsPane(MainViewModel vm) {
        setId("options");
        setText("More options");
        setExpanded(false);
        setAnimated(false);
        FlowPane flow = new FlowPane(14, 6);
        var o = vm.options;
        flow.getChildren().addAll(
                field("Probes per hop", o.probesPerHop, 1, 100, "How many probes each hop gets (traceroute -q)."),
                field("First TTL", o.firstTtl, 1, 255, "Skip the first hops (traceroute -f)."),
                field("Max TTL", o.maxTtl, 1, 255, "Give up after this many hops (traceroute -m)."),
                field("Wait ms", o.waitMillis, 50, 60_000, "How long a probe may stay unanswered (traceroute -w)."),
                field("TOS", o.tos, 0, 255, "IP type of service / DSCP byte."),
                field("Packet length", o.packetLength, 0, 65_000, "Total IP length in bytes; 0 = default."),
                field("Flows (multipath)", o.flows, 1, 64, "How many Paris flows multipath mode sends."),
                field("Interval ms (continuous)", o.intervalMillis, 10, 3_600_000,
                        "Time between continuous rounds."));
        Spinner<Double> warn = thresholdSpinner(vm.thresholds.get().warningMs());
        Spinner<Double> crit = thresholdSpinner(vm.thresholds.get().criticalMs());
        warn.setId("warning-ms");
        crit.setId("critical-ms");
        Runnable apply = () -> {
            try {
                vm.thresholds.set(new LatencyThresholds(warn.getValue(), crit.getValue()));
            } catch (IllegalArgumentException e) {
                // warning above critical while the user is still typing: keep the last valid pair
            }
        };
        warn.valueProperty().addListener((x, a, b) -> apply.run());
        crit.valueProperty().addListener((x, a, b) -> apply.run());
        vm.thresholds.addListener((x, a, t) -> {
            warn.getValueFactory().setValue(t.warningMs());
            crit.getValueFactory().setValue(t.criticalMs());
        });
        flow.getChildren().addAll(labelled("Warning ms", warn, "Latency shown amber from here."),
                labelled("Critical ms", crit, "Latency shown red from here."));
        setContent(flow);
    }

    private static HBox field(String label, IntegerProperty p, int min, int max, String tip) {
        Spinner<Integer> s = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, p.get()));
        s.setEditable(true);
        s.setPrefWidth(96);
        s.setId("opt-" + label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-"));
        s.getValueFactory().valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                p.set(v);
            }
        });
        p.addListener((o, a, v) -> s.getValueFactory().setValue(v.intValue()));
        return labelled(label, s, tip);
    }

    private static Spinner<Double> thresholdSpinner(double v) {
        Spinner<Double> s = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(1, 10_000, v, 10));
        s.setEditable(true);
        s.setPrefWidth(96);
        return s;
    }

    private static HBox labelled(String label, javafx.scene.Node n, String tip) {
        Label l = new Label(label);
        l.setTooltip(new Tooltip(tip));
        HBox box = new HBox(6, l, n);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }
}
