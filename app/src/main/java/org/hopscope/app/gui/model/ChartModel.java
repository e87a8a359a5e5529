package org.hopscope.app.gui.model;

import java.util.List;

/**
 * What the RTT chart draws, computed off the FX thread. {@link Mode#PER_HOP}: x is the hop, with
 * min/avg/max/loss series (PingPlotter's trace graph). {@link Mode#TIMELINE}: x is seconds since
 * {@code originMicros}, one latency series per hop shown (continuous mode).
 */
public record ChartModel(Mode mode, List<Series> series, double xMin, double xMax, double yMax, long originMicros) {
    public static final ChartModel EMPTY = new ChartModel(Mode.PER_HOP, List.of(), 0, 1, 10, 0);

    public enum Mode { PER_HOP, TIMELINE }

    /** @param lossPercent loss at this point, NaN when unknown */
    public record Point(double x, double y, double lossPercent) {
    }

    /** @param ttl the hop a timeline series belongs to, -1 for per-hop series */
    public record Series(String name, int ttl, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    public ChartModel {
        series = List.copyOf(series);
    }

    public Series series(String name) {
        return series.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    public List<String> seriesNames() {
        return series.stream().map(Series::name).toList();
    }
}
