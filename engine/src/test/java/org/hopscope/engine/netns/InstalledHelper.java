package org.hopscope.engine.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.helper.HelperLocator;
import org.hopscope.engine.transport.helper.HelperTransport;

/**
 * The helper installed the way a package installs it: a copy in a root-owned directory carrying
 * only {@code cap_net_raw} as a file capability ({@code setcap cap_net_raw+ep}), so a plain user can
 * run it. The build's own binary (native-helper/target, built with make when missing) is the source.
 */
public final class InstalledHelper implements AutoCloseable {
    private final Path dir;
    private final Path binary;

    private InstalledHelper(Path dir, Path binary) {
        this.dir = dir;
        this.binary = binary;
    }

    /** Copies the built helper into /tmp/hs-RUNID-helper/ (root, 0755) and gives it cap_net_raw. */
    public static InstalledHelper install(NetnsRun run) {
        Path built = built();
        try {
            Path dir = Path.of("/tmp", "hs-" + run.id() + "-helper");
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path bin = dir.resolve(HelperLocator.FILE_NAME);
            Files.copy(built, bin, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
            Cmd.check("setcap", "cap_net_raw+ep", bin.toString());
            return new InstalledHelper(dir, bin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The helper binary of this build, made with {@code make -C native-helper} if it is not there yet. */
    static Path built() {
        try {
            return HelperLocator.forThisProcess().locate();
        } catch (TransportException notBuilt) {
            Path repo = Path.of("").toAbsolutePath();
            while (repo != null && !Files.isDirectory(repo.resolve("native-helper"))) {
                repo = repo.getParent();
            }
            if (repo == null) {
                throw new IllegalStateException("no native-helper directory above " + Path.of("").toAbsolutePath());
            }
            Cmd.check("make", "-C", repo.resolve("native-helper").toString());
            try {
                return HelperLocator.forThisProcess().locate();
            } catch (TransportException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    public Path binary() {
        return binary;
    }

    /** How to start this helper inside {@code ns} as {@code user} (or as root when user is null). */
    public HelperTransport.Launch launch(Netns ns, TestUser user) {
        List<String> launcher = new ArrayList<>(ns.prefix());
        if (user != null) {
            launcher.addAll(user.prefix());
        }
        return new HelperTransport.Launch(binary, launcher);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(binary);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover copy in /tmp is harmless
        }
    }
}
