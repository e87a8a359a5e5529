package org.hopscope.engine.enrich;

/**
 * Told each time something new is known about an address, on the enricher's own thread. Must return
 * quickly: a UI hands the update to its own thread (e.g. {@code Platform.runLater}) and redraws from
 * {@link Enricher#snapshot()} or from {@code updated}.
 */
@FunctionalInterface
public interface EnrichmentListener {
    void onUpdate(HostInfo updated);
}
