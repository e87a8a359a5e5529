package org.hopscope.engine.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One network namespace: runs commands inside it ({@code ip netns exec NAME ...}). A JVM cannot move
 * itself into a namespace safely (setns affects one thread), so what must live there runs as a child
 * process: the helper, a child JVM, nc, dumpcap.
 */
public record Netns(String name) {

    /** {@code ip netns exec NAME}: put before a command to run it inside. */
    public List<String> prefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Runs a command inside and fails unless it exits 0. */
    public Cmd.Result exec(String... argv) {
        return Cmd.run(Cmd.DEFAULT_TIMEOUT, null, Map.of(), Cmd.concat(prefix(), List.of(argv))).check();
    }

    /** Runs a command inside; the caller looks at the result. */
    public Cmd.Result tryExec(Duration timeout, String... argv) {
        return Cmd.run(timeout, null, Map.of(), Cmd.concat(prefix(), List.of(argv)));
    }

    /** {@code ip -n NAME ARGS}. */
    public Cmd.Result ip(String... args) {
        List<String> c = new ArrayList<>(List.of("ip", "-n", name));
        c.addAll(List.of(args));
        return Cmd.run(Cmd.DEFAULT_TIMEOUT, null, Map.of(), c).check();
    }

    public void sysctl(String key, String value) {
        exec("sysctl", "-q", "-w", key + "=" + value);
    }

    /** Loads an nftables ruleset (nft -f) into this namespace. */
    public void nft(String ruleset) {
        Cmd.run(Cmd.DEFAULT_TIMEOUT, ruleset, Map.of(), Cmd.concat(prefix(), List.of("nft", "-f", "-"))).check();
    }

    /** Starts a long-running command inside; stopped by pid when the namespace is deleted. */
    public Process spawn(String... argv) {
        try {
            return new ProcessBuilder(Cmd.concat(prefix(), List.of(argv))).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pids of every process inside ({@code ip netns pids}). */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (String s : Cmd.run("ip", "netns", "pids", name).out().split("\\s+")) {
            if (!s.isBlank()) {
                pids.add(Long.parseLong(s.strip()));
            }
        }
        return pids;
    }

    /** The source address this namespace's routing picks towards {@code destination} ({@code ip route get}). */
    public InetAddress sourceFor(InetAddress destination) {
        String out = ip(destination instanceof java.net.Inet6Address ? "-6" : "-4", "-o", "route", "get",
                destination.getHostAddress()).out();
        String[] w = out.strip().split("\\s+");
        for (int i = 0; i + 1 < w.length; i++) {
            if (w[i].equals("src")) {
                return Addresses.of(w[i + 1]);
            }
        }
        throw new IllegalStateException("no source address in: " + out);
    }
}
