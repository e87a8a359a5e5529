package org.hopscope.app.gui.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link GuiSettings} as JSON under XDG_CONFIG_HOME; a broken file means defaults. */
public final class GuiSettingsStore {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();
    private final Path file;

    public GuiSettingsStore(Path file) {
        this.file = file;
    }

    public static GuiSettingsStore standard() {
        return new GuiSettingsStore(XdgPaths.settingsFile());
    }

    public GuiSettings load() {
        try {
            if (Files.isRegularFile(file)) {
                GuiSettings s = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), GuiSettings.class);
                if (s != null) {
                    return s;
                }
            }
        } catch (IOException | JsonParseException e) {
            // unreadable settings are not worth an error dialog: start with defaults
        }
        return new GuiSettings();
    }

    public void save(GuiSettings s) throws IOException {
        AtomicFiles.writeString(file, GSON.toJson(s));
    }
}
