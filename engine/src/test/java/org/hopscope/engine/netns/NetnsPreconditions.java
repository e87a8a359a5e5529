package org.hopscope.engine.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the real-network tests can run here: they need root (namespaces, setcap, useradd), the
 * {@code ip netns} command and the tools a test names. Where they cannot, a test is skipped with the
 * reason, except under {@code CI=true}, where it fails: CI must never report green for tests it did
 * not run.
 */
public final class NetnsPreconditions {
    private NetnsPreconditions() {
    }

    /** Skips (or under CI fails) the calling test unless root, ip netns and every tool are there. */
    public static void require(String... tools) {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("root (namespaces, setcap and useradd need it)");
        }
        if (!Cmd.available("ip") || !Cmd.run("ip", "netns", "list").ok()) {
            missing.add("a working `ip netns` (iproute2)");
        }
        for (String t : tools) {
            if (!Cmd.available(t)) {
                missing.add("the `" + t + "` command");
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String why = "network-namespace test not run: needs " + String.join(", ", missing);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + " (CI=true: these tests must run in CI)");
        }
        Assumptions.abort(why);
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
