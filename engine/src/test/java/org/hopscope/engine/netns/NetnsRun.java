package org.hopscope.engine.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The namespaces of one test run, and the safety rules every harness user gets for free:
 * <ul>
 * <li>names are {@code hs-RUNID-ROLE}; only namespaces this harness created are ever touched, and
 *     only by name;</li>
 * <li>each run records {@code RUNID -> pid} under {@value #REGISTRY}; at start, {@code hs-*}
 *     namespaces of runs whose JVM is gone (a crashed run) are deleted, live runs are left alone;</li>
 * <li>{@link #close()} (and a shutdown hook, should the test JVM end early) kills what runs inside the
 *     run's namespaces, by pid as listed by {@code ip netns pids}, then deletes them by name.</li>
 * </ul>
 */
public final class NetnsRun implements AutoCloseable {
    static final String REGISTRY = "/run/hopscope-netns";
    private static final Pattern OURS = Pattern.compile("^hs-([0-9a-f]{6})-[a-z0-9]+$");

    private final String id;
    private final Set<Netns> namespaces = new LinkedHashSet<>();
    private final Thread hook;
    private boolean closed;

    private NetnsRun(String id) {
        this.id = id;
        this.hook = new Thread(this::deleteAll, "hs-netns-cleanup-" + id);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts a run: cleans up after crashed runs, then registers this one. */
    public static NetnsRun start() {
        cleanStale();
        byte[] b = new byte[3];
        new SecureRandom().nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        try {
            Path dir = Files.createDirectories(Path.of(REGISTRY));
            Files.writeString(dir.resolve(id), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NetnsRun(id);
    }

    public String id() {
        return id;
    }

    /** Creates {@code hs-RUNID-role} with its loopback up. */
    public synchronized Netns create(String role) {
        if (!role.matches("[a-z0-9]{1,8}")) {
            throw new IllegalArgumentException("role must be 1-8 of [a-z0-9]: " + role);
        }
        Netns ns = new Netns("hs-" + id + "-" + role);
        Cmd.check("ip", "netns", "add", ns.name());
        namespaces.add(ns);
        ns.ip("link", "set", "dev", "lo", "up");
        return ns;
    }

    /** Deletes every namespace of crashed runs (registry pid gone, or no registry entry at all). */
    static void cleanStale() {
        for (String name : listNamespaces()) {
            Matcher m = OURS.matcher(name);
            if (!m.matches()) {
                continue;
            }
            Path entry = Path.of(REGISTRY, m.group(1));
            if (runAlive(entry)) {
                continue;
            }
            delete(new Netns(name));
            try {
                Files.deleteIfExists(entry);
            } catch (IOException e) {
                // the namespace is gone, which is what matters
            }
        }
    }

    private static boolean runAlive(Path entry) {
        try {
            long pid = Long.parseLong(Files.readString(entry).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    static List<String> listNamespaces() {
        List<String> names = new ArrayList<>();
        for (String line : Cmd.run("ip", "netns", "list").out().split("\n")) {
            String n = line.strip().split("\\s+")[0];
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        return names;
    }

    /** Stops what runs inside (by pid), then removes the namespace by name. */
    static void delete(Netns ns) {
        for (int round = 0; round < 2; round++) {
            List<Long> pids = ns.pids();
            if (pids.isEmpty()) {
                break;
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(round == 0 ? ProcessHandle::destroy : ProcessHandle::destroyForcibly);
            }
            sleep(300);
        }
        Cmd.run("ip", "netns", "del", ns.name());
    }

    private synchronized void deleteAll() {
        List<Netns> all = new ArrayList<>(namespaces);
        java.util.Collections.reverse(all);
        for (Netns ns : all) {
            delete(ns);
        }
        namespaces.clear();
        try {
            Files.deleteIfExists(Path.of(REGISTRY, id));
        } catch (IOException e) {
            // harmless: the next run sees a dead pid and finds nothing to clean
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        deleteAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
