package org.hopscope.engine.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gateway and resolver discovery from fixture files, the {@code ip route} fallback, target parsing. */
class EnvironmentDiscoveryTest {
    @TempDir
    Path dir;

    /** Two default routes (wlan0 metric 600, eth0 metric 100), a link route; hex is little-endian. */
    private static final String PROC_ROUTE = String.join("\n",
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
            "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0",
            "eth0\t00000000\t010012C6\t0003\t0\t0\t100\t00000000\t0\t0\t0",
            "eth0\t000012C6\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0",
            "garbage line",
            "");

    private EnvironmentDiscovery discovery(String route, String resolv, List<List<String>> commands, String ipOut)
            throws Exception {
        Path r = dir.resolve("route");
        if (route != null) {
            Files.writeString(r, route);
        }
        Path c = dir.resolve("resolv.conf");
        Files.writeString(c, resolv);
        return new EnvironmentDiscovery(r, c, argv -> {
            commands.add(argv);
            return ipOut;
        });
    }

    @Test
    void lowestMetricDefaultRouteAndResolvConf() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        NetworkEnvironment e = discovery(PROC_ROUTE, String.join("\n", "# generated", "nameserver 198.18.1.53",
                "; comment", "nameserver 2001:db8::53", "nameserver 198.18.1.53", "search corp.test lab.test",
                "options rotate", "nameserver not-an-address", ""), commands, "").discover();
        assertThat(e.gateway()).contains(InetAddress.getByName("198.18.0.1"));
        assertThat(e.gatewayInterface()).isEqualTo("eth0");
        assertThat(e.dnsServers()).containsExactly(InetAddress.getByName("198.18.1.53"),
                InetAddress.getByName("2001:db8::53"));
        assertThat(e.searchDomains()).containsExactly("corp.test", "lab.test");
        assertThat(commands).isEmpty(); // /proc/net/route sufficed
    }

    @Test
    void ipRouteWhenProcIsUnreadableAndNothingWhenThereIsNoRoute() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        NetworkEnvironment e = discovery(null, "", commands,
                "default via 198.18.9.1 dev wg0 proto static metric 50\ndefault via 198.18.0.1 dev eth0 metric 100\n")
                .discover();
        assertThat(commands).containsExactly(List.of("ip", "-4", "route", "show", "default"));
        assertThat(e.gateway()).contains(InetAddress.getByName("198.18.9.1"));
        assertThat(e.gatewayInterface()).isEqualTo("wg0");
        assertThat(e.dnsServers()).isEmpty();
        NetworkEnvironment none = discovery(null, "", new ArrayList<>(), "").discover();
        assertThat(none.gateway()).isEmpty();
        assertThat(none.gatewayInterface()).isEmpty();
    }

    @Test
    void targetsParseWithDefaultPort() {
        assertThat(CheckTarget.parse("intranet.test")).isEqualTo(new CheckTarget("intranet.test", 443));
        assertThat(CheckTarget.parse("vpn.test:8443")).isEqualTo(new CheckTarget("vpn.test", 8443));
        assertThat(CheckTarget.parse("[2001:db8::1]:80")).isEqualTo(new CheckTarget("2001:db8::1", 80));
        assertThat(CheckTarget.parse("2001:db8::1")).isEqualTo(new CheckTarget("2001:db8::1", 443));
        assertThat(CheckTarget.parse("2001:db8::1").toString()).isEqualTo("[2001:db8::1]");
        assertThatThrownBy(() -> CheckTarget.parse("a:b:c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CheckTarget.parse("host:0")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> CheckTarget.parse(" ")).hasMessageContaining("empty");
    }

    @Test
    void targetListFileRoundTripsAndNamesBadLines() throws Exception {
        Path f = dir.resolve("sub").resolve("check-targets");
        assertThat(CheckTargetList.load(f)).isEmpty();
        CheckTargetList.save(f, List.of(CheckTarget.parse("a.test"), CheckTarget.parse("b.test:22")));
        assertThat(CheckTargetList.load(f)).containsExactly(CheckTarget.parse("a.test"), CheckTarget.parse("b.test:22"));
        Files.writeString(f, "ok.test\nbad.test:x\n");
        assertThatThrownBy(() -> CheckTargetList.load(f)).hasMessageContaining("line 2");
    }
}
