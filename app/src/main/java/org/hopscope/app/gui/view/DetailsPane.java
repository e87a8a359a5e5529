package org.hopscope.app.gui.view;

import java.net.InetAddress;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.hopscope.app.gui.model.Format;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.app.gui.viewmodel.MainViewModel;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.InterfaceSnapshot;
import org.hopscope.engine.trace.ProbeRecord;

/**
 * Every probe sent at the selected hop (and, when an address is selected, every reply from it) with
 * all the reply's fields, and the flows through the node: what an engineer checks before trusting a
 * table row.
 */
public final class DetailsPane extends VBox {
    private final MainViewModel vm;
    private final Label title = new Label("Select a hop");
    private final Label summary = new Label("Click a row of the table or a node of the topology.");
    private final ObservableList<ProbeRecord> probes = FXCollections.observableArrayList();
    private final TableView<ProbeRecord> table = new TableView<>(probes);

    public DetailsPane(MainViewModel vm) {
        this.vm = vm;
        setId("details");
        getStyleClass().add("details");
        setSpacing(4);
        title.getStyleClass().add("pane-title");
        summary.setWrapText(true);
        summary.getStyleClass().add("details-summary");
        table.setId("probe-table");
        table.setPlaceholder(new Label("No probes for this selection."));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().addAll(List.of(
                col("Flow", 40, p -> p.flowId().toString()),
                col("TTL", 36, p -> p.ttl().toString()),
                col("Sent", 112, ProbeText::sentTime),
                col("Outcome", 96, ProbeText::outcome),
                col("From", 110, p -> p.isAnswered() ? vm.labeler().address(p.reply().from(), p.ttl().value()) : ""),
                col("RTT ms", 56, ProbeText::rtt),
                col("Type/code", 64, p -> ProbeText.typeCode(p.reply())),
                col("Reply TTL", 64, p -> p.isAnswered() ? ProbeText.num(p.reply().replyTtl()) : ""),
                col("Quoted TTL", 70, p -> p.isAnswered() ? ProbeText.num(p.reply().quotedTtl()) : ""),
                col("Reply IP ID", 72, p -> p.isAnswered() ? ProbeText.num(p.reply().replyIpId()) : ""),
                col("Probe IP ID", 72, p -> ProbeText.num(p.sent().ipId())),
                col("Ports", 90, p -> p.sent().sourcePort() + (p.sent().destinationPort() >= 0
                        ? "→" + p.sent().destinationPort() : "")),
                col("Extensions", 220, p -> ProbeText.extensions(p.reply()))));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, summary, table);
        vm.presentationProperty().addListener((o, a, p) -> update());
        vm.selectedTtl.addListener((o, a, b) -> update());
        vm.selectedAddress.addListener((o, a, b) -> update());
    }

    private static TableColumn<ProbeRecord, String> col(String name, double w, Function<ProbeRecord, String> f) {
        TableColumn<ProbeRecord, String> c = new TableColumn<>(name);
        c.setPrefWidth(w);
        c.setSortable(false);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        return c;
    }

    private void update() {
        TracePresentation p = vm.presentation();
        int ttl = vm.selectedTtl.get();
        InetAddress addr = vm.selectedAddress.get();
        if (p == null || ttl < 0) {
            title.setText("Select a hop");
            summary.setText("Click a row of the table or a node of the topology to see every probe and reply.");
            probes.clear();
            return;
        }
        var labels = vm.labeler();
        HopSnapshot hop = p.snapshot().hop(ttl).orElse(null);
        StringBuilder sb = new StringBuilder();
        title.setText("Hop " + ttl + (addr == null ? "" : ": " + labels.address(addr, ttl)));
        if (hop != null) {
            if (addr != null) {
                hop.interfaces().stream().filter(i -> i.address().equals(addr)).findFirst().ifPresent(i -> {
                    String name = labels.name(addr, ttl);
                    if (!name.isEmpty()) {
                        sb.append(name).append('\n');
                    }
                    sb.append("Replies ").append(i.replies()).append(", avg ").append(Format.ms(i.stats().avgMs()))
                            .append(" ms, flows ").append(flows(i.flows())).append('\n');
                    sb.append("Reply TTLs ").append(i.replyTtls()).append(", quoted TTLs ").append(i.quotedTtls());
                    if (!i.mplsStacks().isEmpty()) {
                        sb.append("\nMPLS ").append(i.mplsStacks());
                    }
                });
            } else {
                sb.append(hop.interfaces().size()).append(" address(es), loss ")
                        .append(Format.percent(hop.stats().lossPercent())).append(", sent ").append(hop.stats().sent());
                for (InterfaceSnapshot i : hop.interfaces()) {
                    sb.append("\n").append(labels.address(i.address(), ttl)).append(": flows ").append(flows(i.flows()));
                }
            }
        }
        if (p.rounds() > 0) {
            sb.append("\nProbes of the latest round (").append(p.rounds()).append(" rounds so far).");
        }
        summary.setText(sb.toString());
        List<ProbeRecord> list = p.snapshot().probes().stream()
                .filter(r -> r.ttl().value() == ttl)
                .filter(r -> addr == null || (r.isAnswered() && r.reply().from().equals(addr)))
                .collect(Collectors.toList());
        probes.setAll(list);
    }

    private static String flows(java.util.SortedSet<FlowId> flows) {
        if (flows.size() <= 12) {
            return flows.stream().map(FlowId::toString).collect(Collectors.joining(","));
        }
        return flows.size() + " (" + new TreeSet<>(flows).first() + "…" + flows.last() + ")";
    }

    public ObservableList<ProbeRecord> probes() {
        return probes;
    }
}
