package org.hopscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hopscope.app.gui.GuiTestSupport.onFx;
import static org.hopscope.app.gui.GuiTestSupport.waitUntil;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.hopscope.app.gui.check.CheckDocument;
import org.hopscope.app.gui.check.CheckReportPainter;
import org.hopscope.app.gui.check.CheckView;
import org.hopscope.app.gui.check.CheckViewModel;
import org.hopscope.app.gui.export.PngFiles;
import org.hopscope.app.gui.store.GuiSettingsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The helpdesk check from the GUI on the demo network (issue 9): the toolbar button opens the check
 * window, the check runs within its budget with progress shown, the verdict categories and overall
 * status are shown, a hop link opens the target's trace in the main window, the report exports as PNG
 * + JSON (both read back), the summary goes to the clipboard, and the JSON opens again through File >
 * Open. Writes the screenshot app/docs/check-report.png.
 */
@ExtendWith(ApplicationExtension.class)
class CheckGuiTest {
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
        // the user's saved target list: must never be touched by a demo check
        System.setProperty("hopscope.check.targets", tmp.resolve("check-targets").toString());
        Files.writeString(tmp.resolve("check-targets"), "# saved\nintranet.example.org:8443\n");
        app = HopscopeApp.create(stage, new GuiSettingsStore(tmp.resolve("gui.json")), List.of());
        stage.setWidth(1300);
        stage.setHeight(850);
        stage.show();
    }

    @AfterEach
    void close() {
        onFx(() -> {
            app.window().checkView().stage().close();
            app.close();
            return null;
        });
    }

    @Test
    void checksTheDemoNetworkShowsVerdictsExportsAndReopens(FxRobot robot) throws Exception {
        assertThat(onFx(() -> app.window().acceleratorTexts())).contains("Ctrl+K");
        robot.clickOn("#check-button");
        waitUntil(10, () -> app.window().checkView().stage().isShowing());
        CheckView view = onFx(() -> app.window().checkView());
        CheckViewModel vm = view.viewModel();
        // the default targets come from the settings file
        waitUntil(10, () -> vm.targets.get().equals("intranet.example.org:8443"));

        onFx(() -> {
            vm.budgetSeconds.set(6);
            return null;
        });
        robot.clickOn("#check-demo");
        assertThat(onFx(() -> vm.targets.get())).isEqualTo(CheckViewModel.DEMO_TARGETS);
        long t0 = System.nanoTime();
        robot.clickOn("#check-run");
        waitUntil(5, () -> vm.runningProperty().get());
        // progress moves within the budget while the check runs
        waitUntil(10, () -> vm.progressProperty().get() > 0.2 && vm.runningProperty().get());
        assertThat(onFx(() -> ((Label) view.scene().lookup("#check-status")).getText())).startsWith("Checking 3");
        waitUntil(60, () -> !vm.runningProperty().get() && vm.document() != null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(seconds).isGreaterThan(5.5).isLessThan(30);
        robot.sleep(300);

        // what is shown: the overall status and one row per target and segment with its category
        CheckDocument doc = onFx(vm::document);
        assertThat(doc.status()).isEqualTo("broken");
        assertThat(onFx(() -> ((Label) view.scene().lookup("#check-overall")).getText())).contains("BROKEN");
        Map<String, String> shown = new LinkedHashMap<>();
        onFx(() -> {
            view.table().getItems().forEach(r -> shown.put(r.target().target() + "/" + r.verdict().segment(),
                    r.verdict().status() + "/" + r.verdict().reason()));
            return null;
        });
        assertThat(shown).hasSize(15);
        assertThat(shown).containsEntry("www/local_network", "good/ok")
                .containsEntry("www/isp_edge", "good/loss_not_persistent") // bras rate-limits its ICMP only
                .containsEntry("www/service", "good/ok")
                .containsEntry("www:8080/service", "broken/port_closed")
                .containsEntry("www:8080/local_network", "good/ok")
                .containsEntry("intranet/service", "broken/name_not_found")
                .containsEntry("intranet/transit", "unknown/not_measured");
        assertThat(doc.targets().get(0).status()).isEqualTo("good");
        assertThat(doc.targets().get(0).hops()).hasSizeGreaterThanOrEqualTo(8);
        // a demo check never overwrites the user's saved targets
        assertThat(Files.readString(tmp.resolve("check-targets"))).contains("intranet.example.org:8443");

        shot(view, Path.of("docs", "check-report.png"));

        // evidence: the ISP edge's "hop 2" link opens www's trace in the main window at hop 2
        Hyperlink hop2 = onFx(() -> view.table().lookupAll(".check-evidence").stream()
                .map(n -> (Hyperlink) n).filter(h -> h.getText().startsWith("hop 2 ")).findFirst().orElseThrow());
        robot.clickOn(hop2);
        waitUntil(10, () -> app.viewModel().presentation() != null && app.viewModel().selectedTtl.get() == 2
                && app.viewModel().documentTitleProperty().get().startsWith("www — check"));
        assertThat(onFx(() -> app.viewModel().presentation().snapshot().settings().target())).contains("198.18.90.80");

        // the privacy mask reaches the report
        onFx(() -> {
            vm.mask.set(true);
            return null;
        });
        waitUntil(10, () -> vm.document() != null && vm.document().machine().masked());
        assertThat(onFx(() -> vm.document().machine().hostName())).isEqualTo("(masked)");

        // export: PNG (decodes, expected size) + JSON (schema, verdicts)
        Path png = tmp.resolve("report.png");
        Path json = tmp.resolve("report.json");
        AtomicReference<Path> done = new AtomicReference<>();
        int expectedHeight = onFx(() -> CheckReportPainter.height(vm.document()));
        onFx(() -> {
            vm.export(png, json, done::set);
            return null;
        });
        waitUntil(20, () -> done.get() != null);
        if (Files.isDirectory(Path.of("target"))) {
            Files.copy(png, Path.of("target", "check-report-export.png"), StandardCopyOption.REPLACE_EXISTING);
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(CheckReportPainter.WIDTH);
        assertThat(img.getHeight()).isEqualTo(expectedHeight).isGreaterThan(600);
        JsonObject o = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(o.get("schema").getAsString()).isEqualTo("hopscope-check");
        assertThat(o.get("status").getAsString()).isEqualTo("broken");
        assertThat(o.getAsJsonObject("machine").get("masked").getAsBoolean()).isTrue();
        List<String> reasons = new ArrayList<>();
        o.getAsJsonArray("targets").forEach(t -> t.getAsJsonObject().getAsJsonArray("verdicts").forEach(v ->
                reasons.add(t.getAsJsonObject().get("target").getAsString() + "/"
                        + v.getAsJsonObject().get("segment").getAsString() + "/"
                        + v.getAsJsonObject().get("reason").getAsString())));
        assertThat(reasons).hasSize(15).contains("www/isp_edge/loss_not_persistent", "www:8080/service/port_closed",
                "intranet/service/name_not_found");
        assertThat(o.getAsJsonArray("targets").get(0).getAsJsonObject().getAsJsonObject("path")
                .getAsJsonObject("trace").get("schema").getAsString()).isEqualTo("hopscope-trace");

        // the text summary for the ticket goes to the clipboard
        onFx(() -> {
            view.show(); // the hop link brought the main window to the front
            return null;
        });
        robot.sleep(300);
        robot.clickOn("#check-copy");
        waitUntil(5, () -> Clipboard.getSystemClipboard().hasString()
                && Clipboard.getSystemClipboard().getString().contains("www:8080"));
        String clip = onFx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(clip).contains("BROKEN").contains("Service").contains("www:8080").contains("(masked)");

        // the helpdesk side: File > Open of the JSON shows the check window with the same verdicts
        onFx(() -> {
            vm.mask.set(false);
            view.stage().hide();
            app.viewModel().open(json);
            return null;
        });
        waitUntil(10, () -> view.stage().isShowing() && vm.statusProperty().get().startsWith("Opened report.json"));
        assertThat(onFx(() -> vm.document().targets().size())).isEqualTo(3);
        assertThat(onFx(() -> vm.document().targets().get(1).verdicts().get(4).reason())).isEqualTo("port_closed");
        assertThat(onFx(() -> view.table().getItems().size())).isEqualTo(15);
        // ...and each embedded trace opens: www:8080's, from its row
        onFx(() -> {
            CheckView.Row row = view.table().getItems().stream()
                    .filter(r -> r.target().target().equals("www:8080") && r.verdict().segment().equals("transit"))
                    .findFirst().orElseThrow();
            vm.openTrace(row.target(), row.verdict().ttls().isEmpty() ? -1 : row.verdict().ttls().get(0));
            return null;
        });
        waitUntil(10, () -> app.viewModel().documentTitleProperty().get().startsWith("www:8080 — check"));
        assertThat(onFx(() -> app.viewModel().presentation().snapshot().hops().size())).isGreaterThanOrEqualTo(8);
        assertThat(onFx(() -> app.viewModel().readOnlyProperty().get())).isTrue();
    }

    /** The check window, for app/docs (only when run from the app module, as Maven does). */
    private static void shot(CheckView view, Path file) throws Exception {
        if (!Files.isDirectory(file.getParent()) || !Files.isRegularFile(Path.of("pom.xml"))) {
            return;
        }
        BufferedImage img = onFx(() -> PngFiles.toBuffered(view.scene().snapshot(null)));
        PngFiles.write(img, file);
    }
}
