/**
 * The one door to the FX thread: {@link org.hopscope.app.gui.fx.FxDispatcher} coalesces engine signals into at most one pending result per feed.
 */
package org.hopscope.app.gui.fx;
