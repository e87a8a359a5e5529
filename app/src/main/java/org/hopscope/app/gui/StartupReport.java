package org.hopscope.app.gui;

import java.time.Duration;
import javafx.application.Platform;

/**
 * Start-up measurement for bench/gui-bench.sh: with {@code -Dhopscope.startupReport=true} the
 * application prints, once the main window is showing and has processed its first event, the time
 * since the JVM started, the CPU it used and when each start-up phase ended, then exits. It runs the
 * real entry point (the launcher script, its JVM options and class-data sharing archive), which an
 * in-process benchmark cannot. java.management (in the packaged runtime) is only loaded when asked.
 */
final class StartupReport {
    static final String PROPERTY = "hopscope.startupReport";

    private StartupReport() {
    }

    private static final StringBuilder MARKS = new StringBuilder();

    static boolean wanted() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Notes when a start-up phase ended (ms since process start), for the report's breakdown. */
    static void mark(String phase) {
        if (wanted()) {
            synchronized (MARKS) {
                MARKS.append(' ').append(phase).append('=').append(sinceStart());
            }
        }
    }

    /**
     * Milliseconds since the JVM started. Not since the process started: Linux counts that from the
     * boot time, which /proc/stat gives only to the second (figures came out up to 1 s off). The
     * launcher's shell and the JVM's creation are in the benchmark's outside wall time instead.
     */
    private static long sinceStart() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** Prints {@code startup_ms <wall> wall <cpu> cpu} to stderr and exits with status 0. */
    static void reportAndExit() {
        long wall = sinceStart();
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        String marks;
        synchronized (MARKS) {
            marks = MARKS.toString();
        }
        System.err.println("startup_ms " + wall + " wall " + cpu + " cpu (JVM start -> window shown, interactive);"
                + " phases (ms since JVM start):" + marks);
        System.err.flush();
        Platform.exit();
        System.exit(0);
    }
}
