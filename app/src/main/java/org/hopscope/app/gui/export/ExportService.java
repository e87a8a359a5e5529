package org.hopscope.app.gui.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.hopscope.app.gui.model.AddressLabeler;
import org.hopscope.app.gui.model.PrivacyMask;
import org.hopscope.app.gui.model.TracePresentation;
import org.hopscope.app.gui.store.AtomicFiles;
import org.hopscope.app.gui.store.TraceFiles;
import org.hopscope.app.gui.view.Palette;
import org.hopscope.app.gui.viewmodel.MainViewModel;
import org.hopscope.engine.pcap.PcapUnavailableException;

/**
 * Exports what is on screen. Called on the FX thread: images are drawn here (canvas work must be),
 * then encoding and writing happen in the background through the dispatcher; the callbacks come back
 * on the FX thread.
 */
public final class ExportService {
    private final MainViewModel vm;

    public ExportService(MainViewModel vm) {
        this.vm = vm;
    }

    public ExportContext context(PrivacyMask mask) {
        TracePresentation p = vm.presentation();
        if (p == null) {
            throw new IllegalStateException("nothing to export yet");
        }
        AddressLabeler labels = vm.labeler().masked(mask, p.snapshot().sourceAddress());
        // images go into tickets and reports: always the light palette, which prints and reads everywhere
        return new ExportContext(p, labels, Palette.LIGHT, vm.thresholds.get());
    }

    public void export(ExportFormat f, Path file, PrivacyMask mask, Consumer<String> done, Consumer<Throwable> failed) {
        ExportContext c = context(f.maskable() ? mask : PrivacyMask.NONE);
        var snapshot = c.snapshot();
        var names = vm.names();
        if (f.image() != null) {
            BufferedImage img = PngFiles.toBuffered(ImageExport.render(f.image(), c));
            vm.dispatcher().background(() -> io(() -> PngFiles.write(img, file)),
                    x -> done.accept("Saved " + f.label() + " to " + file), failed);
            return;
        }
        switch (f) {
            case JSON -> vm.dispatcher().background(() -> io(() -> TraceFiles.save(snapshot, names, file)),
                    x -> done.accept("Saved the trace document to " + file), failed);
            case TEXT -> {
                String text = text(c);
                vm.dispatcher().background(() -> io(() -> AtomicFiles.writeString(file, text)),
                        x -> done.accept("Saved text to " + file), failed);
            }
            case CSV -> {
                String csv = CsvExport.render(c.header(), c.rows());
                vm.dispatcher().background(() -> io(() -> AtomicFiles.writeString(file, csv)),
                        x -> done.accept("Saved CSV to " + file), failed);
            }
            case PCAP -> vm.dispatcher().background(() -> {
                try {
                    return PcapExport.write(snapshot, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (PcapUnavailableException e) {
                    throw new IllegalStateException("Cannot write pcap: " + e.getMessage(), e);
                }
            }, n -> done.accept("Saved " + n + " packets to " + file), failed);
            default -> throw new IllegalArgumentException(f.name());
        }
    }

    public String text(ExportContext c) {
        return TextExport.render(c.snapshot(), c.rows(), c.labels(), c.presentation().rounds(), vm.names());
    }

    /** Copies the trace as text and the one-page report as an image, both in one clipboard entry. */
    public void copy(PrivacyMask mask, boolean image) {
        ExportContext c = context(mask);
        ClipboardContent content = new ClipboardContent();
        content.putString(text(c));
        if (image) {
            WritableImage img = ImageExport.render(ImageExport.Kind.REPORT, c);
            content.putImage(img);
        }
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private static Boolean io(IoAction a) {
        try {
            a.run();
            return Boolean.TRUE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
