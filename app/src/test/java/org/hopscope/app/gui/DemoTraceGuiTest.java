package org.hopscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hopscope.app.gui.GuiTestSupport.onFx;
import static org.hopscope.app.gui.GuiTestSupport.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.hopscope.app.gui.export.ExportFormat;
import org.hopscope.app.gui.model.ChartModels;
import org.hopscope.app.gui.model.HopRow;
import org.hopscope.app.gui.model.TopoNode;
import org.hopscope.app.gui.model.TopologyGraph;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.app.gui.model.Verdict;
import org.hopscope.app.gui.run.TraceMode;
import org.hopscope.app.gui.store.GuiSettingsStore;
import org.hopscope.engine.analysis.Finding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Drives a multipath trace of the demo network from the UI in a real window, then exports every
 * format and re-opens the JSON: the re-opened view must show what the live one showed.
 */
@ExtendWith(ApplicationExtension.class)
class DemoTraceGuiTest {
    @TempDir
    static Path tmp;
    private HopscopeApp.Handle app;

    @BeforeAll
    static void display() {
        GuiTestSupport.requireDisplay();
    }

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("hopscope.traces.dir", tmp.resolve("traces").toString());
        app = HopscopeApp.create(stage, new GuiSettingsStore(tmp.resolve("gui.json")), List.of());
        stage.setWidth(1400);
        stage.setHeight(900);
        stage.show();
    }

    @AfterEach
    void close() {
        onFx(() -> {
            app.close();
            return null;
        });
    }

    @Test
    void tracesTheDemoNetworkExportsAndReopensIdentically(FxRobot robot) throws Exception {
        onFx(() -> {
            app.viewModel().options.mode.set(TraceMode.MULTIPATH);
            return null;
        });
        robot.clickOn("#target").write("demo").type(KeyCode.ENTER);
        waitUntil(10, () -> app.viewModel().runningProperty().get() || app.viewModel().presentation() != null);
        waitUntil(90, () -> !app.viewModel().runningProperty().get() && app.viewModel().presentation() != null
                && app.viewModel().presentation().snapshot().finished());
        Thread.sleep(2 * org.hopscope.app.gui.fx.FxDispatcher.PERIOD_MILLIS);
        robot.sleep(200);

        TracePresentation live = onFx(() -> app.viewModel().presentation());
        List<HopRow> rows = onFx(() -> List.copyOf(app.window().table().rows()));
        // table: every hop from 1, load-balanced hops as sub-rows, the demo's router names
        assertThat(rows).extracting(HopRow::ttl).contains(1, 2, 3, 4, 5, 6, 8, 9);
        assertThat(rows).anyMatch(r -> r.ttl() == 1 && r.host().equals("home-gw.demo"));
        assertThat(rows).filteredOn(HopRow::isSubRow).extracting(HopRow::host)
                .contains("core-a.demo", "core-b.demo", "p1.demo");
        assertThat(rows).anyMatch(r -> r.mpls().contains("299776"));
        // chart: min/avg/max/loss per hop
        var chart = onFx(() -> app.window().chart().model());
        assertThat(chart.seriesNames()).containsExactly(ChartModels.MIN, ChartModels.AVG, ChartModels.MAX,
                ChartModels.LOSS);
        assertThat(chart.series(ChartModels.AVG).points()).hasSize(live.snapshot().hops().size());
        // topology: both branches of the first balancer, the silent transit, edges from us onwards
        TopologyGraph g = onFx(() -> app.window().topology().graph());
        assertThat(g.nodeKeys()).contains("source", "1:198.18.0.1", "4:198.18.20.1", "4:198.18.21.1",
                "5:198.18.21.5");
        assertThat(g.nodes()).anyMatch(n -> n.kind() == TopoNode.Kind.SILENT);
        assertThat(g.nodes()).anyMatch(n -> n.kind() == TopoNode.Kind.DESTINATION);
        assertThat(g.edgeKeys()).contains("source -> 1:198.18.0.1", "3:198.18.10.9 -> 4:198.18.20.1",
                "3:198.18.10.9 -> 4:198.18.21.1");
        assertThat(g.nodes().size()).isGreaterThanOrEqualTo(15);
        // diagnosis: the engine's findings (PathAnalysis), most serious first, each linked to its hops
        List<Verdict> verdicts = onFx(() -> List.copyOf(app.window().diagnosis().verdicts()));
        assertThat(verdicts).extracting(Verdict::kind).contains(Finding.Kind.DIAMOND, Finding.Kind.MPLS_TUNNEL,
                Finding.Kind.MISSING_HOPS);
        assertThat(verdicts).extracting(Verdict::severity)
                .isSortedAccordingTo(java.util.Comparator.<Verdict.Severity>reverseOrder());
        assertThat(verdicts).filteredOn(v -> v.kind() != null).allMatch(v -> !v.explanation().isBlank());
        List<String> engineTexts = org.hopscope.engine.analysis.PathAnalysis.analyze(live.snapshot()).stream()
                .map(Finding::text).toList();
        assertThat(verdicts).filteredOn(v -> v.kind() != null).extracting(Verdict::explanation)
                .containsExactlyInAnyOrderElementsOf(engineTexts);
        Verdict mpls = verdicts.stream().filter(v -> v.kind() == Finding.Kind.MPLS_TUNNEL).findFirst().get();
        assertThat(mpls.firstHop()).isGreaterThan(0);
        int mplsRow = verdicts.indexOf(mpls);
        onFx(() -> {
            app.window().diagnosis().list().getSelectionModel().select(mplsRow);
            return null;
        });
        waitUntil(5, () -> app.viewModel().selectedTtl.get() == mpls.firstHop());
        assertThat(onFx(() -> app.viewModel().selectedAddress.get())).isEqualTo(mpls.firstAddress());
        onFx(() -> {
            app.window().diagnosis().list().getSelectionModel().clearSelection();
            return null;
        });

        // drill down: clicking a topology node selects its hop in the table and fills the details pane
        int node = g.nodes().stream().filter(n -> n.key().equals("4:198.18.21.1")).findFirst().get().id();
        var pos = onFx(() -> app.window().topology().localToScreen(app.window().topology().nodePosition(node)));
        robot.moveTo(pos).clickOn(MouseButton.PRIMARY);
        waitUntil(5, () -> app.viewModel().selectedTtl.get() == 4);
        assertThat(onFx(() -> app.window().table().getSelectionModel().getSelectedItem().host()))
                .isEqualTo("core-b.demo");
        assertThat(onFx(() -> app.window().details().probes())).isNotEmpty()
                .allMatch(p -> p.ttl().value() == 4 && p.reply().from().getHostAddress().equals("198.18.21.1"));

        // hover shows the node, the wheel zooms at the pointer, a drag pans, double-click fits again
        var topo = app.window().topology();
        var gw = g.nodes().stream().filter(n -> n.key().equals("1:198.18.0.1")).findFirst().get();
        robot.moveTo(onFx(() -> topo.localToScreen(topo.nodePosition(gw.id()))));
        waitUntil(5, () -> topo.hovered() == gw.id());
        double scale0 = onFx(() -> topo.transform().scale());
        robot.scroll(3, javafx.geometry.VerticalDirection.UP);
        waitUntil(5, () -> topo.transform().scale() != scale0);
        double tx0 = onFx(() -> topo.transform().tx());
        var centre = onFx(() -> topo.localToScreen(topo.getWidth() / 2, topo.getHeight() / 2));
        robot.moveTo(centre).press(MouseButton.PRIMARY).moveBy(-120, 0).release(MouseButton.PRIMARY);
        waitUntil(5, () -> Math.abs(topo.transform().tx() - (tx0 - 120)) < 30);
        robot.doubleClickOn(MouseButton.PRIMARY);
        waitUntil(5, () -> topo.transform().scale() == scale0);

        // export every format
        Path out = Files.createDirectories(tmp.resolve("export"));
        for (ExportFormat f : ExportFormat.values()) {
            Path file = out.resolve(f.name().toLowerCase() + "." + f.extension());
            onFx(() -> {
                app.window().export(f, file);
                return null;
            });
            waitUntil(30, () -> Files.exists(file) && sizeOf(file) > 0);
        }
        for (ExportFormat f : ExportFormat.values()) {
            if (f.image() != null) {
                var img = ImageIO.read(out.resolve(f.name().toLowerCase() + ".png").toFile());
                assertThat(img.getWidth()).as(f.name()).isGreaterThan(800);
            }
        }
        String text = Files.readString(out.resolve("text.txt"));
        assertThat(text).contains("Trace to demo (198.18.90.80)", "Probes: UDP port 33457, Paris", "Transport:",
                "Hopscope 0.1.0", "home-gw.demo");
        String csv = Files.readString(out.resolve("csv.csv"));
        assertThat(csv).contains("# Trace to demo", "hop,row,host,address,share").contains("core-b.demo");
        byte[] pcap = Files.readAllBytes(out.resolve("pcap.pcap"));
        assertThat(pcap.length).isGreaterThan(24 + 48 * 40);
        assertThat(new String(Files.readAllBytes(out.resolve("json.json")), StandardCharsets.UTF_8))
                .contains("hopscope-trace");

        // re-open the JSON: same rows, same nodes and edges, read-only
        onFx(() -> {
            app.viewModel().open(out.resolve("json.json"));
            return null;
        });
        waitUntil(20, () -> app.viewModel().readOnlyProperty().get() && app.viewModel().presentation() != live
                && app.viewModel().presentation().snapshot().probes().size() == live.snapshot().probes().size());
        robot.sleep(200);
        TracePresentation reopened = onFx(() -> app.viewModel().presentation());
        assertThat(rowKeys(reopened.rows())).isEqualTo(rowKeys(live.rows()));
        assertThat(reopened.graph().nodeKeys()).isEqualTo(live.graph().nodeKeys());
        assertThat(reopened.graph().edgeKeys()).isEqualTo(live.graph().edgeKeys());
        assertThat(reopened.verdicts()).extracting(Verdict::title)
                .containsExactlyElementsOf(live.verdicts().stream().map(Verdict::title).toList());
        assertThat(onFx(() -> app.window().table().rows().size())).isEqualTo(rows.size());

        // the finished live trace was saved automatically
        try (var files = Files.list(tmp.resolve("traces"))) {
            assertThat(files.filter(p -> p.toString().endsWith("_demo.json")).count()).isEqualTo(1);
        }
    }

    @Test
    void corruptOrNewerFilesAreRefusedWithAMessageAndNothingChanges(FxRobot robot) throws Exception {
        Path corrupt = Files.writeString(tmp.resolve("corrupt.json"), "{\"schema\": \"hopscope-trace\", \"vers");
        onFx(() -> {
            app.viewModel().open(corrupt);
            return null;
        });
        waitUntil(10, () -> app.viewModel().lastMessageProperty().get() != null);
        var m = onFx(() -> app.viewModel().lastMessageProperty().get());
        assertThat(m.title()).contains("Cannot open corrupt.json");
        assertThat(m.text()).contains("Nothing was changed");
        assertThat(onFx(() -> app.viewModel().presentation())).isNull();
        robot.type(KeyCode.ESCAPE); // closes the dialog

        Path newer = Files.writeString(tmp.resolve("newer.json"),
                "{\"schema\": \"hopscope-trace\", \"version\": 99}");
        onFx(() -> {
            app.viewModel().open(newer);
            return null;
        });
        waitUntil(10, () -> app.viewModel().lastMessageProperty().get().title().contains("newer.json"));
        assertThat(onFx(() -> app.viewModel().lastMessageProperty().get().text())).contains("Update Hopscope");
        robot.type(KeyCode.ESCAPE);
    }

    private static List<String> rowKeys(List<HopRow> rows) {
        return rows.stream().map(r -> r.ttl() + "|" + r.kind() + "|" + r.host() + "|" + r.addressText() + "|"
                + r.sent() + "|" + r.received() + "|" + r.badges()).toList();
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
