/**
 * Trace jobs: each runs the engine on its own thread (resolve, open the transport, trace) and only signals changes. MdaTraceJob is the single adapter to the multipath engine; DemoNetworkSource is the built-in simulated network, RealNetworkSource the engine's transport chooser.
 */
package org.hopscope.app.gui.run;
