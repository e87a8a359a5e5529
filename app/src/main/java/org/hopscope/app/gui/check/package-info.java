/**
 * The helpdesk connectivity check in the desktop app (issue 9; engine side: {@code
 * org.hopscope.engine.check}, docs/check.md). {@link org.hopscope.app.gui.check.CheckViewModel} runs
 * the engine's check off the FX thread through the {@code FxDispatcher} and holds the result as a
 * {@link org.hopscope.app.gui.check.CheckDocument}: the {@code hopscope-check} JSON report read back,
 * so a live check and a report opened from a ticket are shown by the same code.
 * {@link org.hopscope.app.gui.check.CheckView} is the window (targets, progress, overall status, one
 * sentence per segment linked to the hops of the target's trace, which opens in the main window);
 * {@link org.hopscope.app.gui.check.CheckReportPainter} draws the one-page PNG report.
 */
package org.hopscope.app.gui.check;
