package org.hopscope.app.gui.view;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.hopscope.app.gui.model.Format;
import org.hopscope.app.gui.model.RouteComparison;
import org.hopscope.engine.trace.TraceSnapshot;

/** Two traces side by side; hops whose answering addresses differ (route changes) are highlighted. */
public final class CompareWindow {
    private CompareWindow() {
    }

    public static Stage show(Window owner, TraceSnapshot left, String leftName, TraceSnapshot right, String rightName,
            List<String> stylesheets) {
        List<RouteComparison.Row> rows = RouteComparison.compare(left, right);
        TableView<RouteComparison.Row> table = new TableView<>(FXCollections.observableArrayList(rows));
        table.setId("compare-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                col("Hop", 50, r -> Integer.toString(r.ttl())),
                col(leftName, 260, RouteComparison.Row::left),
                col("Avg ms", 70, r -> Format.ms(r.leftAvgMs())),
                col(rightName, 260, RouteComparison.Row::right),
                col("Avg ms", 70, r -> Format.ms(r.rightAvgMs())),
                col("", 120, r -> r.changed() ? "route changed" : "")));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RouteComparison.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("route-changed");
                if (!empty && item != null && item.changed()) {
                    getStyleClass().add("route-changed");
                }
            }
        });
        List<Integer> changed = RouteComparison.changedHops(rows);
        Label summary = new Label(changed.isEmpty() ? "Same route in both traces."
                : "Route changed at " + hopsText(changed) + ".");
        summary.setId("compare-summary");
        summary.getStyleClass().add("pane-title");
        Label times = new Label(leftName + ": " + Format.epochMicros(left.startedEpochMicros()) + "    " + rightName
                + ": " + Format.epochMicros(right.startedEpochMicros()));
        BorderPane root = new BorderPane(table);
        root.setTop(new VBox(4, summary, times));
        root.getStyleClass().add("compare");
        Scene scene = new Scene(root, 900, 520);
        scene.getStylesheets().addAll(stylesheets);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Compare traces — Hopscope");
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    private static String hopsText(List<Integer> hops) {
        return hops.size() == 1 ? "hop " + hops.get(0)
                : "hops " + String.join(", ", hops.stream().map(String::valueOf).toList());
    }

    private static TableColumn<RouteComparison.Row, String> col(String name, double w,
            Function<RouteComparison.Row, String> f) {
        TableColumn<RouteComparison.Row, String> c = new TableColumn<>(name);
        c.setPrefWidth(w);
        c.setSortable(false);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        return c;
    }

}
