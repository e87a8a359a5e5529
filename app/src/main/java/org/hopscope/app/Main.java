package org.hopscope.app;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.hopscope.app.cli.Cli;

/**
 * Entry point: no arguments open the desktop window, anything else is the command line ({@code
 * hopscope --help}). The GUI is loaded reflectively so the command line never loads JavaFX.
 */
public final class Main {
    static final String GUI_CLASS = "org.hopscope.app.gui.HopscopeApp";
    /** {@code hopscope --gui ...}: the window driven from the command line (installer e2e test, scripts). */
    static final String AUTOMATION_CLASS = "org.hopscope.app.gui.GuiAutomation";

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || opensWindow(args)) {
            System.exit(launchGui(args));
        }
        int status = new Cli(System.in, System.out, System.err).stopOnShutdown(true).run(args);
        System.out.flush();
        System.exit(status);
    }

    /**
     * {@code --gui ...}, or one existing file that is not a command name: what the desktop entry's
     * {@code Exec=hopscope %f} runs when a saved trace is double-clicked.
     */
    static boolean opensWindow(String[] args) {
        if (args[0].equals("--gui")) {
            return true;
        }
        if (args.length != 1 || args[0].startsWith("-") || java.util.Set.of("trace", "show", "check", "help").contains(args[0])) {
            return false;
        }
        try {
            return java.nio.file.Files.isRegularFile(java.nio.file.Path.of(args[0]));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * Starts {@code HopscopeApp}: its own {@code public static launch(String[])} if it declares one,
     * else JavaFX's {@code Application.launch(HopscopeApp.class, args)}. Returns once the window
     * closes (0), or 1 with a message if there is no GUI in this build.
     */
    static int launchGui(String[] args) {
        Class<?> app;
        try {
            app = Class.forName(args.length > 0 && args[0].equals("--gui") ? AUTOMATION_CLASS : GUI_CLASS);
        } catch (ClassNotFoundException | LinkageError e) {
            System.err.println("hopscope: the desktop window is not part of this build yet; "
                    + "see 'hopscope --help' for the command line");
            return 1;
        }
        try {
            Method own = findOwnLaunch(app);
            if (own != null) {
                own.invoke(null, (Object) args);
            } else {
                Class<?> fx = Class.forName("javafx.application.Application");
                fx.getMethod("launch", Class.class, String[].class).invoke(null, app, args);
            }
            return 0;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("hopscope: the desktop window could not start: " + cause);
            return 1;
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("hopscope: the desktop window could not start: " + e);
            return 1;
        }
    }

    private static Method findOwnLaunch(Class<?> app) {
        try {
            Method m = app.getDeclaredMethod("launch", String[].class);
            return Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
