package org.hopscope.app.gui.export;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.hopscope.app.gui.store.AtomicFiles;

/** PNG encoding: convert on the FX thread (cheap), encode and write anywhere. */
public final class PngFiles {
    private PngFiles() {
    }

    public static BufferedImage toBuffered(Image fx) {
        return SwingFXUtils.fromFXImage(fx, null);
    }

    public static byte[] encode(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG encoder available");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(BufferedImage img, Path file) throws IOException {
        byte[] bytes = encode(img);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
