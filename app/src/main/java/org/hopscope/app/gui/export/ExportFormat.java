package org.hopscope.app.gui.export;

/** Everything a trace can be exported as, with its file extension and menu label. */
public enum ExportFormat {
    PNG_REPORT("One-page report (PNG)", "png", ImageExport.Kind.REPORT),
    PNG_TABLE("Hop table (PNG)", "png", ImageExport.Kind.TABLE),
    PNG_CHART("RTT chart (PNG)", "png", ImageExport.Kind.CHART),
    PNG_TOPOLOGY("Topology (PNG)", "png", ImageExport.Kind.TOPOLOGY),
    JSON("Trace document (JSON)", "json", null),
    TEXT("Text, traceroute-style (TXT)", "txt", null),
    CSV("Hop table (CSV)", "csv", null),
    PCAP("Probes and replies (pcap)", "pcap", null);

    private final String label;
    private final String extension;
    private final ImageExport.Kind image;

    ExportFormat(String label, String extension, ImageExport.Kind image) {
        this.label = label;
        this.extension = extension;
        this.image = image;
    }

    public String label() {
        return label;
    }

    public String extension() {
        return extension;
    }

    public ImageExport.Kind image() {
        return image;
    }

    /** Whether the privacy mask applies (JSON and pcap are raw data: the dialog says so). */
    public boolean maskable() {
        return this != JSON && this != PCAP;
    }

    @Override
    public String toString() {
        return label;
    }
}
