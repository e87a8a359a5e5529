package org.hopscope.engine.format;

import java.net.InetAddress;
import java.util.Map;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * A trace as stored in a document: the snapshot, plus the host names known for its addresses when
 * the document was written (names are enrichment, not part of the snapshot).
 *
 * <p>The JSON layout is described field by field in {@code docs/trace-document.md}; {@code
 * docs/trace-document.schema.json} is its JSON Schema.
 */
public record TraceDocument(TraceSnapshot snapshot, Map<InetAddress, String> hostNames) {

    /** The value of the document's {@code "schema"} field. */
    public static final String SCHEMA = "hopscope-trace";

    /**
     * The document version written by this build, and the newest one it reads. It changes only when
     * a change would mislead an older reader (a field removed, renamed or whose meaning changed);
     * adding a field does not change it, and readers ignore fields they do not know.
     */
    public static final int VERSION = 1;

    public TraceDocument {
        hostNames = Map.copyOf(hostNames);
    }
}
