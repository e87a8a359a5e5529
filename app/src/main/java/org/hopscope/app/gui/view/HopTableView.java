package org.hopscope.app.gui.view;

import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.hopscope.app.gui.model.Badge;
import org.hopscope.app.gui.model.Format;
import org.hopscope.app.gui.model.HopRow;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.app.gui.viewmodel.MainViewModel;

/**
 * The hop table (mtr/WinMTR columns plus address share, ASN, jitter, MPLS and badges). Load-balanced
 * hops get a summary row followed by indented sub-rows, one per address. Rows are replaced in place
 * on each update and the selection follows the hop, not the row index.
 */
public final class HopTableView extends TableView<HopRow> {
    private final ObservableList<HopRow> rows = FXCollections.observableArrayList();
    private final MainViewModel vm;
    private boolean syncing;

    public HopTableView(MainViewModel vm) {
        this.vm = vm;
        setId("hop-table");
        getStyleClass().add("hop-table");
        setItems(rows);
        setPlaceholder(new Label("Type a host and press Enter, or click \"Demo network\" to see a multipath trace."));
        getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        getColumns().add(text("Hop", 40, HopRow::hopText, "hop-col"));
        getColumns().add(text("Host", 140, HopRow::host, null));
        getColumns().add(text("Address", 124, HopRow::addressText, null));
        getColumns().add(text("Share", 48, HopRow::shareText, "num"));
        getColumns().add(text("ASN", 44, HopRow::asn, null));
        getColumns().add(lossColumn());
        getColumns().add(text("Sent", 42, r -> Integer.toString(r.sent()), "num"));
        getColumns().add(text("Recv", 42, r -> Integer.toString(r.received()), "num"));
        getColumns().add(text("Last", 48, r -> Format.ms(r.lastMs()), "num"));
        getColumns().add(avgColumn());
        getColumns().add(text("Best", 48, r -> Format.ms(r.bestMs()), "num"));
        getColumns().add(text("Worst", 50, r -> Format.ms(r.worstMs()), "num"));
        getColumns().add(text("StDev", 50, r -> Format.ms(r.stddevMs()), "num"));
        getColumns().add(text("Jitter", 48, r -> Format.ms(r.jitterMs()), "num"));
        getColumns().add(text("MPLS", 58, HopRow::mpls, null));
        getColumns().add(badgeColumn());
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(HopRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("sub-row", "silent-row", "hop-start");
                if (!empty && item != null) {
                    if (item.isSubRow()) {
                        getStyleClass().add("sub-row");
                    } else {
                        getStyleClass().add("hop-start");
                    }
                    if (item.badges().contains(Badge.SILENT)) {
                        getStyleClass().add("silent-row");
                    }
                }
            }
        });
        getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (!syncing && row != null) {
                // our own click: the view model must not push a selection back while this one fires
                // (a nested select inside TableView's change event throws IndexOutOfBounds)
                syncing = true;
                try {
                    vm.select(row.ttl(), row.address());
                } finally {
                    syncing = false;
                }
            }
        });
        vm.presentationProperty().addListener((o, a, p) -> show(p));
        vm.selectedTtl.addListener((o, a, b) -> syncSelection());
        vm.selectedAddress.addListener((o, a, b) -> syncSelection());
    }

    private void show(TracePresentation p) {
        syncing = true;
        try {
            if (p == null) {
                rows.clear();
            } else if (rows.size() == p.rows().size()) {
                // live updates usually change a few numbers: replace only the rows that differ, so the
                // table re-renders a few cells instead of all of them every period
                for (int i = 0; i < rows.size(); i++) {
                    if (!rows.get(i).equals(p.rows().get(i))) {
                        rows.set(i, p.rows().get(i));
                    }
                }
            } else {
                rows.setAll(p.rows());
            }
        } finally {
            syncing = false;
        }
        syncSelection();
    }

    private void syncSelection() {
        if (syncing) {
            return;
        }
        int ttl = vm.selectedTtl.get();
        syncing = true;
        try {
            HopRow best = null;
            for (HopRow r : rows) {
                if (r.ttl() == ttl && (best == null
                        || (vm.selectedAddress.get() != null && vm.selectedAddress.get().equals(r.address())))) {
                    best = r;
                }
            }
            if (best == null) {
                getSelectionModel().clearSelection();
            } else if (getSelectionModel().getSelectedItem() != best) {
                getSelectionModel().select(best);
                scrollTo(Math.max(0, rows.indexOf(best) - 3));
            }
        } finally {
            syncing = false;
        }
    }

    public ObservableList<HopRow> rows() {
        return rows;
    }

    private static TableColumn<HopRow, String> text(String title, double width, Function<HopRow, String> f,
            String style) {
        TableColumn<HopRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        if (style != null) {
            c.getStyleClass().add(style);
        }
        return c;
    }

    private static TableColumn<HopRow, HopRow> lossColumn() {
        TableColumn<HopRow, HopRow> c = rowColumn("Loss", 50);
        c.getStyleClass().add("num");
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(HopRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("loss-some", "loss-all");
                if (empty || r == null || r.sent() == 0) {
                    setText(null);
                    return;
                }
                setText(Format.percent(r.lossPercent()));
                if (r.lossPercent() >= 100) {
                    getStyleClass().add("loss-all");
                } else if (r.lossPercent() > 0) {
                    getStyleClass().add("loss-some");
                }
            }
        });
        return c;
    }

    private static TableColumn<HopRow, HopRow> avgColumn() {
        TableColumn<HopRow, HopRow> c = rowColumn("Avg", 52);
        c.getStyleClass().add("num");
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(HopRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("lat-good", "lat-warning", "lat-critical");
                if (empty || r == null) {
                    setText(null);
                    return;
                }
                setText(Format.ms(r.avgMs()));
                switch (r.level()) {
                    case GOOD -> getStyleClass().add("lat-good");
                    case WARNING -> getStyleClass().add("lat-warning");
                    case CRITICAL -> getStyleClass().add("lat-critical");
                    default -> { }
                }
            }
        });
        return c;
    }

    private static TableColumn<HopRow, HopRow> badgeColumn() {
        TableColumn<HopRow, HopRow> c = rowColumn("Notes", 130);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(HopRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(null);
                if (empty || r == null || r.badges().isEmpty()) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                HBox box = new HBox(3);
                box.setAlignment(Pos.CENTER_LEFT);
                for (Badge b : r.badges().stream().sorted().toList()) {
                    Label l = new Label(b.label());
                    l.getStyleClass().addAll("badge", "badge-" + b.name().toLowerCase(java.util.Locale.ROOT));
                    box.getChildren().add(l);
                }
                setGraphic(box);
                setTooltip(new Tooltip(r.badges().stream().sorted().map(b -> b.label() + ": " + b.explanation())
                        .collect(Collectors.joining("\n"))));
            }
        });
        return c;
    }

    private static TableColumn<HopRow, HopRow> rowColumn(String title, double width) {
        TableColumn<HopRow, HopRow> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> (ObservableValue<HopRow>) new ReadOnlyObjectWrapper<>(d.getValue()));
        return c;
    }
}
