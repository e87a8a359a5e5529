package org.hopscope.engine.netns;

import java.util.List;

/**
 * The unprivileged system user the real-network tests run things as ({@value #NAME}, created once
 * with {@code useradd -r -M}: no home, no login shell). Commands are switched to it with
 * {@code setpriv}, which, unlike runuser/su, execs in place without PAM or a waiting parent: the
 * process started is the process that runs, so its pid is the helper's (for /proc checks and kill -9).
 */
public record TestUser(String name, int uid, int gid) {
    public static final String NAME = "hopscope-test";

    /** The test user, created if this host does not have it yet. */
    public static synchronized TestUser ensure() {
        if (!Cmd.run("id", "-u", NAME).ok()) {
            Cmd.check("useradd", "-r", "-M", "-s", "/usr/sbin/nologin", "-c", "Hopscope tests", NAME);
        }
        int uid = Integer.parseInt(Cmd.check("id", "-u", NAME).out().strip());
        int gid = Integer.parseInt(Cmd.check("id", "-g", NAME).out().strip());
        return new TestUser(NAME, uid, gid);
    }

    /** Put before a command (after {@code ip netns exec NS}) to run it as this user, without any group or capability of ours. */
    public List<String> prefix() {
        return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
    }
}
