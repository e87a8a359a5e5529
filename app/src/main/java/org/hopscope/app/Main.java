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

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || opensInWindow(args)) {
            System.exit(launchGui(args));
        }
        int status = new Cli(System.in, System.out, System.err).stopOnShutdown(true).run(args);
        System.out.flush();
        System.exit(status);
    }

    /** {@code hopscope TRACE.json}: a saved trace given alone opens in the window, read-only. */
    static boolean opensInWindow(String[] args) {
        return args.length == 1 && args[0].toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(args[0]));
    }

    /**
     * Starts {@code HopscopeApp}: its own {@code public static launch(String[])} if it declares one,
     * else JavaFX's {@code Application.launch(HopscopeApp.class, args)}. Returns once the window
     * closes (0), or 1 with a message if there is no GUI in this build.
     */
    static int launchGui(String[] args) {
        Class<?> app;
        try {
            app = Class.forName(GUI_CLASS);
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
