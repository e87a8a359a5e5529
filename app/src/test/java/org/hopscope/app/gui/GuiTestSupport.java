package org.hopscope.app.gui;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/** Shared by the GUI tests: they need a real display (xvfb-run in CI) and never skip in CI. */
final class GuiTestSupport {
    private GuiTestSupport() {
    }

    /** Skips locally without a display; fails under CI=true, where a skipped GUI test would hide breakage. */
    static void requireDisplay() {
        String display = System.getenv("DISPLAY");
        boolean hasDisplay = display != null && !display.isBlank();
        if (!hasDisplay && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("No DISPLAY under CI=true: run the GUI tests with xvfb-run -a mvn -pl app test");
        }
        assumeTrue(hasDisplay, "no DISPLAY: GUI tests skipped (run under xvfb-run)");
    }

    static void waitUntil(int seconds, BooleanSupplier onFxCondition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(onFxCondition::getAsBoolean));
    }

    static <T> T onFx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
