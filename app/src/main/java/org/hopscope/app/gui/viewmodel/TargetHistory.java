package org.hopscope.app.gui.viewmodel;

import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Recently traced targets, newest first, for the target field's drop-down and completion. */
public final class TargetHistory {
    public static final String DEMO = "demo";
    private static final int MAX = 25;
    private final ObservableList<String> items = FXCollections.observableArrayList();

    public ObservableList<String> items() {
        return items;
    }

    public void remember(String target) {
        String t = target.trim();
        if (t.isEmpty()) {
            return;
        }
        items.remove(t);
        items.add(0, t);
        if (items.size() > MAX) {
            items.remove(MAX, items.size());
        }
    }

    /** Entries containing {@code typed}, prefix matches first; the demo entry is always offered. */
    public List<String> complete(String typed) {
        String q = typed.trim().toLowerCase(Locale.ROOT);
        java.util.List<String> all = new java.util.ArrayList<>(items);
        if (!all.contains(DEMO)) {
            all.add(DEMO);
        }
        return all.stream().filter(s -> s.toLowerCase(Locale.ROOT).contains(q))
                .sorted((a, b) -> Boolean.compare(!a.toLowerCase(Locale.ROOT).startsWith(q),
                        !b.toLowerCase(Locale.ROOT).startsWith(q)))
                .toList();
    }
}
