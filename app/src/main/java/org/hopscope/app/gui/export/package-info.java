/**
 * Exports: PNG (table, chart, topology, one-page report with the trace header), JSON, traceroute-style text, CSV, pcap (probes re-crafted by the engine's own strategy) and the clipboard.
 */
package org.hopscope.app.gui.export;
