package org.hopscope.app.gui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hopscope.engine.continuous.HopHistory;
import org.hopscope.engine.trace.HopSnapshot;
import org.hopscope.engine.trace.RttStats;

/** Builds chart models from hops (one trace) or hop histories (continuous). */
public final class ChartModels {
    public static final String MIN = "min";
    public static final String AVG = "avg";
    public static final String MAX = "max";
    public static final String LOSS = "loss %";

    private ChartModels() {
    }

    public static ChartModel perHop(List<HopSnapshot> hops) {
        List<ChartModel.Point> min = new ArrayList<>();
        List<ChartModel.Point> avg = new ArrayList<>();
        List<ChartModel.Point> max = new ArrayList<>();
        List<ChartModel.Point> loss = new ArrayList<>();
        double yMax = 10;
        double xMin = Double.MAX_VALUE;
        double xMax = 0;
        for (HopSnapshot h : hops) {
            RttStats s = h.stats();
            int ttl = h.ttl().value();
            xMin = Math.min(xMin, ttl);
            xMax = Math.max(xMax, ttl);
            double l = s.sent() == 0 ? Double.NaN : s.lossPercent();
            min.add(new ChartModel.Point(ttl, s.minMs(), l));
            avg.add(new ChartModel.Point(ttl, s.avgMs(), l));
            max.add(new ChartModel.Point(ttl, s.maxMs(), l));
            loss.add(new ChartModel.Point(ttl, l, l));
            if (!Double.isNaN(s.maxMs())) {
                yMax = Math.max(yMax, s.maxMs());
            }
        }
        if (hops.isEmpty()) {
            return ChartModel.EMPTY;
        }
        return new ChartModel(ChartModel.Mode.PER_HOP,
                List.of(new ChartModel.Series(MIN, -1, min), new ChartModel.Series(AVG, -1, avg),
                        new ChartModel.Series(MAX, -1, max), new ChartModel.Series(LOSS, -1, loss)),
                xMin - 0.5, xMax + 0.5, niceCeiling(yMax), 0);
    }

    /** One series per hop in {@code show} (all when empty), x in seconds since the first round. */
    public static ChartModel timeline(List<HopHistory> histories, Set<Integer> show, long originMicros) {
        List<ChartModel.Series> series = new ArrayList<>();
        double yMax = 10;
        double xMax = 1;
        for (HopHistory h : histories) {
            if (!show.isEmpty() && !show.contains(h.ttl())) {
                continue;
            }
            List<ChartModel.Point> pts = new ArrayList<>(h.size());
            for (int i = 0; i < h.size(); i++) {
                double x = (h.times()[i] - originMicros) / 1e6;
                double y = h.avgMs()[i];
                pts.add(new ChartModel.Point(x, y, h.lossPercent()[i]));
                xMax = Math.max(xMax, x);
                if (!Float.isNaN(h.maxMs()[i])) {
                    yMax = Math.max(yMax, y);
                }
            }
            series.add(new ChartModel.Series("hop " + h.ttl(), h.ttl(), pts));
        }
        return new ChartModel(ChartModel.Mode.TIMELINE, series, 0, xMax, niceCeiling(yMax), originMicros);
    }

    /** 1, 2, 5 × 10^k at or above v, so axis ticks land on round numbers. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(v, 1e-3))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
