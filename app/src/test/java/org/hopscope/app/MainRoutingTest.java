package org.hopscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which command lines open the window: what a desktop entry's {@code Exec=hopscope %f} relies on. */
class MainRoutingTest {

    @Test
    void aSavedTraceFileOpensTheWindow(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("saved.hopscope"), "{}");
        assertThat(Main.opensWindow(new String[] {f.toString()})).isTrue();
        assertThat(Main.opensWindow(new String[] {"--gui", "--auto-trace", "demo"})).isTrue();
    }

    @Test
    void commandsAndMissingFilesStayOnTheCommandLine(@TempDir Path dir) throws Exception {
        assertThat(Main.opensWindow(new String[] {dir.resolve("absent.hopscope").toString()})).isFalse();
        assertThat(Main.opensWindow(new String[] {dir.toString()})).isFalse();
        assertThat(Main.opensWindow(new String[] {"--help"})).isFalse();
        assertThat(Main.opensWindow(new String[] {"trace", "--simulate", "demo"})).isFalse();
        Path f = Files.writeString(dir.resolve("x.hopscope"), "{}");
        assertThat(Main.opensWindow(new String[] {"show", f.toString()})).isFalse();
    }
}
