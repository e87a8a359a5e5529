package org.hopscope.engine.netns;

import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.helper.HelperTransport;

/**
 * The usual fixture of a helper test: the {@link LabTopology}, the unprivileged {@link TestUser} and
 * the {@link InstalledHelper}, with helpers started in the source namespace as that user. Tests create
 * one per class ({@code @BeforeAll}) and close it in {@code @AfterAll}.
 */
public final class HelperLab implements AutoCloseable {
    public final LabTopology lab;
    public final TestUser user;
    public final InstalledHelper helper;

    private HelperLab(LabTopology lab, TestUser user, InstalledHelper helper) {
        this.lab = lab;
        this.user = user;
        this.helper = helper;
    }

    /** Checks the preconditions (skipping or, under CI, failing), then builds everything. */
    public static HelperLab start(String... extraTools) {
        String[] tools = new String[extraTools.length + 5];
        System.arraycopy(new String[] {"nft", "nc", "setcap", "setpriv", "useradd"}, 0, tools, 0, 5);
        System.arraycopy(extraTools, 0, tools, 5, extraTools.length);
        NetnsPreconditions.require(tools);
        LabTopology lab = LabTopology.build();
        try {
            return new HelperLab(lab, TestUser.ensure(), InstalledHelper.install(lab.run()));
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** A helper transport whose helper runs in the source namespace as the test user. */
    public HelperTransport transport() throws TransportException {
        return HelperTransport.start(helper.launch(lab.src(), user), lab.src()::sourceFor);
    }

    @Override
    public void close() {
        try {
            lab.close();
        } finally {
            helper.close();
        }
    }
}
