package org.hopscope.app.gui.store;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import org.hopscope.engine.format.TraceDocument;
import org.hopscope.engine.format.TraceDocumentException;
import org.hopscope.engine.format.TraceDocumentReader;
import org.hopscope.engine.format.TraceDocumentWriter;
import org.hopscope.engine.trace.TraceSnapshot;

/** Trace documents on disk: open, save (atomically) and the automatic save of finished traces. */
public final class TraceFiles {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TraceFiles() {
    }

    /** Reads a document; the exception's message is a sentence for the user. */
    public static TraceDocument open(Path file) throws TraceDocumentException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return TraceDocumentReader.readDocument(r);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new TraceDocumentException(TraceDocumentException.Reason.CORRUPT,
                    file.getFileName() + " is not a Hopscope trace (not UTF-8 text).", e);
        } catch (IOException e) {
            throw new TraceDocumentException(TraceDocumentException.Reason.IO,
                    "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static void save(TraceSnapshot s, Function<InetAddress, String> names, Path file) throws IOException {
        String json = new TraceDocumentWriter().hostNames(names).json(s);
        AtomicFiles.writeString(file, json);
    }

    /** Saves a finished trace under the traces directory; returns where. */
    public static Path autosave(TraceSnapshot s, Function<InetAddress, String> names) throws IOException {
        Path dir = XdgPaths.tracesDir();
        String target = s.settings().target().replaceAll("[^A-Za-z0-9._-]", "_");
        long micros = s.startedEpochMicros();
        String stamp = STAMP.format(java.time.Instant.ofEpochSecond(micros / 1_000_000L));
        Path file = dir.resolve(stamp + "_" + target + ".json");
        save(s, names, file);
        return file;
    }
}
