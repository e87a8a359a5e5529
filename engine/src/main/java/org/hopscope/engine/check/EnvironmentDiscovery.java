package org.hopscope.engine.check;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hopscope.engine.format.AddressLiterals;

/**
 * Finds the default gateway and the DNS resolvers (Linux): the default route of {@code /proc/net/route}
 * (lowest metric), else {@code ip -4 route show default}; {@code nameserver} lines of {@code
 * /etc/resolv.conf} (resolv.conf(5)). Every source is a file or command given to the constructor, so tests
 * point it at fixtures; nothing throws: what cannot be found is empty.
 */
public final class EnvironmentDiscovery {
    /** Runs a command and returns its output ("" when it fails); replaced in tests. */
    @FunctionalInterface
    public interface CommandRunner {
        String run(List<String> argv);
    }

    private final Path procRoute;
    private final Path resolvConf;
    private final CommandRunner commands;

    public EnvironmentDiscovery(Path procRoute, Path resolvConf, CommandRunner commands) {
        this.procRoute = procRoute;
        this.resolvConf = resolvConf;
        this.commands = commands;
    }

    /** This machine's {@code /proc/net/route}, {@code /etc/resolv.conf} and {@code ip}. */
    public static EnvironmentDiscovery system() {
        return new EnvironmentDiscovery(Path.of("/proc/net/route"), Path.of("/etc/resolv.conf"),
                EnvironmentDiscovery::runCommand);
    }

    /** The same with another resolv.conf (e.g. a test's, or a VPN client's). */
    public static EnvironmentDiscovery withResolvConf(Path resolvConf) {
        return new EnvironmentDiscovery(Path.of("/proc/net/route"), resolvConf, EnvironmentDiscovery::runCommand);
    }

    public NetworkEnvironment discover() {
        Route r = fromProcRoute().or(this::fromIpRoute).orElse(null);
        Optional<InetAddress> gw = r == null ? Optional.empty() : Optional.of(r.gateway());
        String dev = r == null ? "" : r.device();
        List<InetAddress> dns = new ArrayList<>();
        List<String> search = new ArrayList<>();
        readResolvConf(dns, search);
        return new NetworkEnvironment(System.getProperty("os.name", "") + " " + System.getProperty("os.version", "")
                + " (" + System.getProperty("os.arch", "") + ")", hostName(), gw, dev, localAddress(dev), dns, search);
    }

    record Route(InetAddress gateway, String device, long metric) {
    }

    /**
     * {@code /proc/net/route}: {@code Iface Destination Gateway Flags RefCnt Use Metric Mask ...}, hex in
     * host byte order (little-endian on x86/arm); the default route has destination and mask 0 and the
     * RTF_GATEWAY flag (0x2).
     */
    Optional<Route> fromProcRoute() {
        List<String> lines;
        try {
            lines = Files.readAllLines(procRoute);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Route best = null;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                long dest = Long.parseLong(f[1], 16);
                long gw = Long.parseLong(f[2], 16);
                int flags = Integer.parseInt(f[3], 16);
                long metric = Long.parseLong(f[6]);
                long mask = Long.parseLong(f[7], 16);
                boolean up = (flags & 0x1) != 0;
                if (dest != 0 || mask != 0 || (flags & 0x2) == 0 || !up || gw == 0) {
                    continue;
                }
                byte[] b = {(byte) gw, (byte) (gw >>> 8), (byte) (gw >>> 16), (byte) (gw >>> 24)};
                Route r = new Route(InetAddress.getByAddress(b), f[0], metric);
                if (best == null || r.metric() < best.metric()) {
                    best = r;
                }
            } catch (NumberFormatException | IOException e) {
                // a line we do not understand: skip it
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code default via 192.0.2.1 dev eth0 proto dhcp metric 100}. */
    Optional<Route> fromIpRoute() {
        String out = commands.run(List.of("ip", "-4", "route", "show", "default"));
        Route best = null;
        for (String line : out.split("\n")) {
            String[] w = line.trim().split("\\s+");
            InetAddress via = null;
            String dev = "";
            long metric = 0;
            for (int i = 0; i + 1 < w.length; i++) {
                switch (w[i]) {
                    case "via" -> via = AddressLiterals.parse(w[i + 1]);
                    case "dev" -> dev = w[i + 1];
                    case "metric" -> metric = w[i + 1].matches("[0-9]{1,10}") ? Long.parseLong(w[i + 1]) : 0;
                    default -> {
                    }
                }
            }
            if (via != null && (best == null || metric < best.metric())) {
                best = new Route(via, dev, metric);
            }
        }
        return Optional.ofNullable(best);
    }

    private void readResolvConf(List<InetAddress> dns, List<String> search) {
        List<String> lines;
        try {
            lines = Files.readAllLines(resolvConf);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (String line : lines) {
            String[] w = line.trim().split("\\s+");
            if (w.length < 2 || w[0].startsWith("#") || w[0].startsWith(";")) {
                continue;
            }
            if (w[0].equals("nameserver")) {
                // "fe80::1%eth0" is allowed; AddressLiterals keeps the scope.
                InetAddress a = AddressLiterals.parse(w[1]);
                if (a != null && !dns.contains(a)) {
                    dns.add(a);
                }
            } else if (w[0].equals("search") || w[0].equals("domain")) {
                for (int i = 1; i < w.length; i++) {
                    search.add(w[i].toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Optional<InetAddress> localAddress(String device) {
        try {
            List<NetworkInterface> all = Collections.list(NetworkInterface.getNetworkInterfaces());
            for (boolean exact : new boolean[] {true, false}) {
                for (NetworkInterface ni : all) {
                    if (ni.isLoopback() || !ni.isUp() || (exact && !ni.getName().equals(device))) {
                        continue;
                    }
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        if (a instanceof Inet4Address) {
                            return Optional.of(a);
                        }
                    }
                }
            }
        } catch (SocketException | RuntimeException e) {
            // no interfaces to list
        }
        return Optional.empty();
    }

    private static String runCommand(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
