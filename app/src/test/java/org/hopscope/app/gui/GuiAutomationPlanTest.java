package org.hopscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line of {@code hopscope --gui} (the installer e2e test drives the window with it). */
class GuiAutomationPlanTest {

    @Test
    void fullAutomationLine() {
        GuiAutomation.Plan p = GuiAutomation.Plan.parse(List.of("--gui", "--auto-trace", "198.18.3.2",
                "--export-png", "/tmp/x.png", "--export-json", "/tmp/x.json", "--quit", "--timeout", "30"));
        assertThat(p.target()).isEqualTo("198.18.3.2");
        assertThat(p.png()).isEqualTo(Path.of("/tmp/x.png"));
        assertThat(p.json()).isEqualTo(Path.of("/tmp/x.json"));
        assertThat(p.quit()).isTrue();
        assertThat(p.timeoutSeconds()).isEqualTo(30);
        assertThat(p.files()).isEmpty();
    }

    @Test
    void plainWindowWithAFile() {
        GuiAutomation.Plan p = GuiAutomation.Plan.parse(List.of("--gui", "saved.hopscope"));
        assertThat(p.target()).isNull();
        assertThat(p.quit()).isFalse();
        assertThat(p.timeoutSeconds()).isEqualTo(120);
        assertThat(p.files()).containsExactly("saved.hopscope");
    }

    @Test
    void badLinesAreRefusedWithASentence() {
        assertThatThrownBy(() -> GuiAutomation.Plan.parse(List.of("--gui", "--export-png", "a.png")))
                .hasMessageContaining("need --auto-trace");
        assertThatThrownBy(() -> GuiAutomation.Plan.parse(List.of("--gui", "--auto-trace")))
                .hasMessage("option --auto-trace needs a value");
        assertThatThrownBy(() -> GuiAutomation.Plan.parse(List.of("--gui", "--timeout", "0", "--auto-trace", "x")))
                .hasMessageContaining("1..3600");
        assertThatThrownBy(() -> GuiAutomation.Plan.parse(List.of("--gui", "--frobnicate")))
                .hasMessage("unknown option --frobnicate");
    }
}
