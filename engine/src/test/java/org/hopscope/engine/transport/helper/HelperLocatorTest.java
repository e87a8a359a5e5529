package org.hopscope.engine.transport.helper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the installed packages put the helper (packaging/README.md) is where the engine looks first. */
class HelperLocatorTest {

    @Test
    void theInstalledHelperComesBeforeAnyCheckout() {
        HelperLocator l = new HelperLocator(Map.of(),
                Optional.of(Path.of("/usr/lib/hopscope/app/hopscope-engine-0.1.0.jar")), Path.of("/home/u/src/hopscope"));
        var c = l.candidates();
        int installed = c.indexOf(Path.of("/usr/lib/hopscope/hopscope-helper"));
        int checkout = c.indexOf(Path.of("/home/u/src/hopscope/native-helper/target/hopscope-helper"));
        assertThat(installed).isGreaterThanOrEqualTo(0).isLessThan(checkout);
    }

    @Test
    void findsTheHelperOfAnAppImage(@TempDir Path dir) throws Exception {
        // jpackage app image: hopscope/lib/app/*.jar, the helper build-packages.sh adds as hopscope/lib/hopscope-helper
        Path app = Files.createDirectories(dir.resolve("hopscope/lib/app"));
        Path jar = Files.writeString(app.resolve("hopscope-engine.jar"), "");
        Path helper = Files.writeString(dir.resolve("hopscope/lib/hopscope-helper"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        HelperLocator l = new HelperLocator(Map.of(), Optional.of(jar), dir);
        assertThat(l.locate()).isEqualTo(helper.toAbsolutePath().normalize());
    }

    @Test
    void theEnvironmentVariableIsTheOnlyCandidate() {
        HelperLocator l = new HelperLocator(Map.of(HelperLocator.ENV, "/x/helper"),
                Optional.of(Path.of("/usr/lib/hopscope/app/e.jar")), Path.of("/"));
        assertThat(l.candidates()).containsExactly(Path.of("/x/helper"));
    }
}
