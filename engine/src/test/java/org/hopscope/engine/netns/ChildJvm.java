package org.hopscope.engine.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a Java main of the test classpath in a child JVM inside a namespace, optionally as the
 * unprivileged test user: the way to run the engine itself in a namespace, since a JVM cannot move
 * its own threads there. The classpath is copied to a world-readable directory first, because the
 * build's (root's ~/.m2) is not readable by that user.
 */
public final class ChildJvm implements AutoCloseable {
    private final Path dir;
    private final String classpath;

    private ChildJvm(Path dir, String classpath) {
        this.dir = dir;
        this.classpath = classpath;
    }

    /** Copies this JVM's test classpath to /tmp/hs-RUNID-cp (readable by everyone). */
    public static ChildJvm prepare(NetnsRun run) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path dir = Path.of("/tmp", "hs-" + run.id() + "-cp");
        List<String> entries = new ArrayList<>();
        try {
            Files.createDirectories(dir.resolve("tmp"));
            int n = 0;
            for (String e : cp.split(java.io.File.pathSeparator)) {
                Path src = Path.of(e);
                if (!Files.exists(src)) {
                    continue;
                }
                Path dst = dir.resolve((n++) + (Files.isDirectory(src) ? "" : ".jar"));
                copy(src, dst);
                entries.add(dst.toString());
            }
            Cmd.check("chmod", "-R", "a+rX", dir.toString());
            Cmd.check("chmod", "1777", dir.resolve("tmp").toString()); // the child's java.io.tmpdir (JNA unpacks there)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChildJvm(dir, String.join(":", entries));
    }

    private static void copy(Path src, Path dst) throws IOException {
        if (!Files.isDirectory(src)) {
            Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Files.walkFileTree(src, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(dst.resolve(src.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.copy(f, dst.resolve(src.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The command line that runs {@code mainClass} in {@code ns} (as {@code user} unless null). */
    public List<String> command(Netns ns, TestUser user, String mainClass, List<String> args) {
        List<String> c = new ArrayList<>(ns.prefix());
        if (user != null) {
            c.addAll(user.prefix());
        }
        c.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Djava.io.tmpdir=" + dir.resolve("tmp"), "-Djna.tmpdir=" + dir.resolve("tmp"),
                "-Duser.home=" + dir.resolve("tmp"), "-cp", classpath, mainClass));
        c.addAll(args);
        return c;
    }

    /** Runs to completion (bounded) and returns what it printed. */
    public Cmd.Result run(Netns ns, TestUser user, Duration timeout, String mainClass, List<String> args) {
        return Cmd.run(timeout, null, Map.of("HOME", dir.resolve("tmp").toString()), command(ns, user, mainClass, args));
    }

    /** As {@link #run(Netns, TestUser, Duration, String, List)}, with {@code env} added to the child's environment. */
    public Cmd.Result run(Netns ns, TestUser user, Duration timeout, Map<String, String> env, String mainClass,
            List<String> args) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("HOME", dir.resolve("tmp").toString());
        return Cmd.run(timeout, null, all, command(ns, user, mainClass, args));
    }

    /** Starts it without waiting (stdout and stderr kept apart); the caller bounds and ends it. */
    public Process start(Netns ns, TestUser user, Map<String, String> env, String mainClass, List<String> args) {
        ProcessBuilder pb = new ProcessBuilder(command(ns, user, mainClass, args));
        pb.environment().put("HOME", dir.resolve("tmp").toString());
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String classpath() {
        return classpath;
    }

    @Override
    public void close() {
        Cmd.run("rm", "-rf", "--one-file-system", dir.toString());
    }
}
