/**
 * Continuous (mtr-style) tracing: repeated single-path rounds folded into bounded per-hop statistics
 * and a fixed-size ring of per-round samples for charts and focus windows.
 */
package org.hopscope.engine.continuous;
