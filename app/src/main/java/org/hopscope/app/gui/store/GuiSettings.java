package org.hopscope.app.gui.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the window remembers between runs: geometry, split positions, theme, target history and the
 * last probe options. A plain data class so Gson can read files written by older builds (missing
 * fields keep their defaults).
 */
public final class GuiSettings {
    public double x = Double.NaN;
    public double y = Double.NaN;
    public double width = 1440;
    public double height = 900;
    public boolean maximized;
    public Map<String, double[]> dividers = new LinkedHashMap<>();
    public String theme = "light";
    public List<String> history = new ArrayList<>();

    public String protocol = "UDP";
    public int port = 0; // 0 = the protocol's default
    public String mode = "MULTIPATH";
    public int probesPerHop = 3;
    public int maxTtl = 30;
    public int firstTtl = 1;
    public int waitMillis = 5000;
    public int tos = 0;
    public int packetLength = 0;
    public int flows = 16;
    public int intervalMillis = 1000;
    public double warningMs = 100;
    public double criticalMs = 150;
    public int maskHops = 0;
    public boolean hideSource = false;
}
