package org.hopscope.app.gui.run;

import org.hopscope.engine.transport.TransportException;
import org.hopscope.engine.transport.helper.HelperLocator;

/**
 * Whether the window can run a TCP InSession trace (docs/insession.md), and if not, why, in words
 * for the user. InSession needs a real TCP connection to the target and the installed helper to
 * watch it: the demo network is simulated, and without the helper nothing can see the answers.
 * Even with the helper, the window does not run InSession traces yet (their result is not a trace
 * snapshot the views can draw); the command line does, and the message says how.
 */
public final class InSessionSupport {
    private InSessionSupport() {
    }

    /**
     * Why {@code target} cannot be traced with TCP InSession from the window. Looks for the helper
     * on disk, so call it off the FX thread.
     */
    public static String unavailableReason(TransportSource source, String target, int port, HelperLocator helpers) {
        int p = port > 0 ? port : 80;
        String cli = "hopscope trace -p tcp-insession -d " + p + " " + target;
        if (source instanceof DemoNetworkSource) {
            return "TCP in session is not available on the demo network: it probes inside a real TCP connection"
                    + " to the target, and the demo network is simulated. Pick UDP, ICMP or TCP for the demo.";
        }
        try {
            helpers.locate();
        } catch (TransportException e) {
            return "TCP in session needs the installed Hopscope helper to watch the connection's answers, and "
                    + e.getMessage() + ". Pick UDP, ICMP or TCP, or install the helper.";
        }
        return "TCP in session traces are not shown in the window yet. Run it in a terminal: " + cli;
    }
}
