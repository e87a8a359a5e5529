package org.hopscope.engine.insession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.hopscope.engine.netns.Cmd;
import org.hopscope.engine.netns.InSessionLab;
import org.hopscope.engine.netns.InstalledHelper;
import org.hopscope.engine.netns.NetnsPreconditions;
import org.hopscope.engine.netns.TestUser;
import org.hopscope.engine.transport.TransportError;
import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.helper.ConnectionHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SECURITY.md's promise for protocol version 2: a watch, run by an unprivileged user through the
 * installed helper, never yields a segment of another user's connection — neither when the watch
 * was registered before that connection existed (the owner check is made per segment) nor when it
 * names the connection outright (refused at once).
 */
class InSessionWatchSecurityNetnsTest {
    private static final InetAddress SRC = InSessionLab.source(false);
    private static InSessionLab lab;
    private static TestUser user;
    private static InstalledHelper helper;
    private static Process listener;

    @BeforeAll
    static void setUp() {
        NetnsPreconditions.require("nft", "setcap", "setpriv", "useradd", "nc", "ss");
        lab = InSessionLab.build();
        user = TestUser.ensure();
        helper = InstalledHelper.install(lab.run());
        listener = lab.node("dst").spawn("nc", "-lk", Integer.toString(InSessionLab.PORT));
    }

    @AfterAll
    static void tearDown() {
        if (listener != null) {
            listener.destroyForcibly();
        }
        if (lab != null) {
            lab.close();
        }
        if (helper != null) {
            helper.close();
        }
    }

    @Test
    void anotherUsersConnectionIsNeverReported() throws Exception {
        lab.firewall(InSessionLab.FIREWALL);
        InetAddress dst = InSessionLab.target(false);
        int sport = 45556;
        try (ConnectionHelper h = ConnectionHelper.start(helper.launch(lab.node("src"), user))) {
            // Registered while nobody holds the 4-tuple: accepted...
            h.watch(1, SRC, sport, dst, InSessionLab.PORT, 10_000);
            // ...then root opens exactly that connection.
            Process nc = lab.node("src").spawn("nc", "-p", Integer.toString(sport), dst.getHostAddress(),
                    Integer.toString(InSessionLab.PORT));
            try {
                long end = System.nanoTime() + 3_000_000_000L;
                boolean established = false;
                while (!established && System.nanoTime() < end) {
                    established = lab.node("src").tryExec(Duration.ofSeconds(5), "ss", "-Htn", "state", "established",
                            "( sport = :" + sport + " )").out().contains(dst.getHostAddress());
                    Cmd.run("sleep", "0.1");
                }
                assertThat(established).as("root's connection from port %d is up", sport).isTrue();
                // Its SYN-ACK and ACKs passed the helper's raw socket, but belong to root: none may reach us.
                long quiet = System.nanoTime() + 1_500_000_000L;
                while (System.nanoTime() < quiet) {
                    ConnectionHelper.Event e = h.poll(quiet - System.nanoTime());
                    if (e != null) {
                        assertThat(e).as("nothing of root's connection is forwarded").isNotInstanceOf(ConnectionHelper.Reply.class);
                    }
                }
                // Naming the established connection outright is refused at once.
                assertThatThrownBy(() -> h.watch(2, SRC, sport, dst, InSessionLab.PORT, 10_000))
                        .isInstanceOf(TransportException.class)
                        .satisfies(t -> assertThat(((TransportException) t).error()).isEqualTo(TransportError.POLICY))
                        .hasMessageContaining("tcp-foreign-connection");
            } finally {
                nc.destroyForcibly();
            }
        }
    }
}
