package org.hopscope.engine.netns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hopscope.engine.check.CheckReport;
import org.hopscope.engine.check.CheckReportWriter;
import org.hopscope.engine.check.CheckSettings;
import org.hopscope.engine.check.CheckTarget;
import org.hopscope.engine.check.ConnectivityCheck;
import org.hopscope.engine.check.EnvironmentDiscovery;
import org.hopscope.engine.check.PrivacyMask;
import org.hopscope.engine.transport.datagram.DatagramTransport;
import org.hopscope.engine.transport.datagram.LocalRoute;
import org.hopscope.engine.transport.helper.HelperTransport;

/**
 * A connectivity check run as a program inside the client namespace (child JVM). Arguments: {@code
 * resolv=FILE budget-ms=N [helper=PATH] [mask=true] TARGET...}. Prints the JSON report on stdout and
 * the text summary on stderr.
 */
public final class CheckMain {
    private CheckMain() {
    }

    public static void main(String[] args) throws Exception {
        Path resolv = null;
        long budget = 6000;
        String helper = null;
        boolean mask = false;
        List<CheckTarget> targets = new ArrayList<>();
        for (String a : args) {
            String v = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("resolv=")) {
                resolv = Path.of(v);
            } else if (a.startsWith("budget-ms=")) {
                budget = Long.parseLong(v);
            } else if (a.startsWith("helper=")) {
                helper = v;
            } else if (a.startsWith("mask=")) {
                mask = Boolean.parseBoolean(v);
            } else {
                targets.add(CheckTarget.parse(a));
            }
        }
        CheckSettings s = CheckSettings.defaults().withBudget(Duration.ofMillis(budget))
                .withProbing(Duration.ofMillis(100), Duration.ofMillis(500), 10, 3)
                .withTimeouts(Duration.ofSeconds(1), 2, Duration.ofSeconds(3));
        String h = helper;
        ConnectivityCheck check = new ConnectivityCheck(s, EnvironmentDiscovery.withResolvConf(resolv)::discover,
                () -> h == null ? DatagramTransport.open()
                        : HelperTransport.start(HelperTransport.Launch.of(Path.of(h)), LocalRoute::sourceFor));
        CheckReport r = check.run(targets);
        CheckReportWriter w = new CheckReportWriter(mask ? PrivacyMask.ON : PrivacyMask.OFF);
        System.out.print(w.json(r));
        System.out.flush();
        System.err.print(w.text(r));
        System.err.flush();
    }
}
