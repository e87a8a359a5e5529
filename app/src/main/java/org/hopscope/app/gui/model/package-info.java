/**
 * What the views draw, computed off the FX thread from engine snapshots: hop rows, the topology graph and its layered layout, chart models, diagnosis verdicts, latency thresholds, privacy masks. Pure, no JavaFX.
 */
package org.hopscope.app.gui.model;
