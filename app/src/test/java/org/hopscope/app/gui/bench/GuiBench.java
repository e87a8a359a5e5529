package org.hopscope.app.gui.bench;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import org.hopscope.app.gui.HopscopeApp;
import org.hopscope.app.gui.model.AddressLabeler;
import org.hopscope.app.gui.model.EngineDiagnostician;
import org.hopscope.app.gui.model.GraphLayout;
import org.hopscope.app.gui.model.LatencyThresholds;
import org.hopscope.app.gui.model.LayeredLayout;
import org.hopscope.app.gui.model.PresentationBuilder;
import org.hopscope.app.gui.model.PresentationOptions;
import org.hopscope.app.gui.model.PrivacyMask;
import org.hopscope.app.gui.model.TopoEdge;
import org.hopscope.app.gui.model.TopoNode;
import org.hopscope.app.gui.model.TopologyGraph;
import org.hopscope.app.gui.view.Palette;
import org.hopscope.app.gui.view.TopologyPainter;
import org.hopscope.app.gui.view.ViewTransform;
import org.hopscope.engine.continuous.ContinuousSettings;
import org.hopscope.engine.continuous.ContinuousTracer;
import org.hopscope.engine.sim.SimulatedTransport;
import org.hopscope.engine.sim.Topology;
import org.hopscope.engine.trace.RttStats;
import org.hopscope.engine.trace.TraceSettings;

/**
 * GUI benchmarks (run by bench/gui-bench.sh, never as a unit test): cold start to an interactive
 * window, layout and paint of a 2,000-node multipath graph, heap over an hour of continuous rounds.
 */
public final class GuiBench {
    private GuiBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "coldstart" -> coldStart();
            case "graph" -> graph(args.length > 1 ? Integer.parseInt(args[1]) : 2000);
            case "heap" -> heap(args.length > 1 ? Long.parseLong(args[1]) : 36_000);
            case "diagnose" -> diagnose();
            default -> {
                System.err.println("usage: GuiBench coldstart | graph [nodes] | heap [rounds] | diagnose");
                System.exit(2);
            }
        }
    }

    /** JVM start to the main window shown and its first FX event processed (interactive). */
    private static void coldStart() {
        HopscopeApp.onShown(() -> {
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            long fxCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
            System.out.println("coldstart_ms " + ms + " wall, " + processCpuNanos() / 1_000_000
                    + " process CPU (all threads, incl. JIT and GC), " + fxCpu + " FX thread CPU; load "
                    + loadAvg());
            Platform.exit();
            System.exit(0);
        });
        Application.launch(HopscopeApp.class);
    }

    /** A synthetic multipath DAG: {@code nodes} interfaces over 40 hops, each linked to 2-3 of the next hop. */
    static TopologyGraph syntheticGraph(int nodes, long seed) throws Exception {
        Random rnd = new Random(seed);
        int hops = 40;
        int width = Math.max(1, nodes / hops);
        List<TopoNode> ns = new ArrayList<>();
        List<TopoEdge> es = new ArrayList<>();
        ns.add(new TopoNode(0, 0, TopoNode.Kind.SOURCE, null, stats(0), EnumSet.noneOf(
                org.hopscope.app.gui.model.Badge.class), 64));
        List<Integer> prev = List.of(0);
        for (int h = 1; h <= hops; h++) {
            List<Integer> cur = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                int id = ns.size();
                boolean silent = rnd.nextInt(30) == 0;
                InetAddress a = silent ? null
                        : InetAddress.getByAddress(new byte[] {(byte) 198, (byte) 18, (byte) h, (byte) i});
                ns.add(new TopoNode(id, h, silent ? TopoNode.Kind.SILENT : TopoNode.Kind.ROUTER, a,
                        stats(5 + h * 4 + rnd.nextDouble() * 40), EnumSet.noneOf(org.hopscope.app.gui.model.Badge.class),
                        1 + rnd.nextInt(8)));
                cur.add(id);
            }
            for (int to : cur) {
                int links = 1 + rnd.nextInt(2);
                for (int k = 0; k < links; k++) {
                    int from = prev.get(rnd.nextInt(prev.size()));
                    es.add(new TopoEdge(from, to, 1 + rnd.nextInt(4), rnd.nextDouble() * 0.2, false));
                }
            }
            prev = cur;
        }
        return new TopologyGraph(ns, es, 64);
    }

    private static RttStats stats(double avg) {
        return new RttStats(3, 3, avg, avg * 0.9, avg, avg * 1.2, 1, 0.5, 1);
    }

    private static void graph(int nodes) throws Exception {
        TopologyGraph g = syntheticGraph(nodes, 42);
        List<Double> layout = new ArrayList<>();
        GraphLayout l = null;
        for (int i = 0; i < 15; i++) {
            long t = System.nanoTime();
            l = LayeredLayout.layout(g);
            layout.add((System.nanoTime() - t) / 1e6);
        }
        System.out.printf(Locale.ROOT, "graph nodes %d edges %d crossings %d%n", g.nodes().size(), g.edges().size(),
                l.crossings());
        System.out.printf(Locale.ROOT, "layout_ms median %.1f (of %d runs, first %.1f)%n", median(layout),
                layout.size(), layout.get(0));
        GraphLayout lay = l;
        CompletableFuture<String> frames = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                Canvas c = new Canvas(1200, 700);
                ViewTransform fit = ViewTransform.fit(lay.width(), lay.height(), 1200, 700, 40, 30, 20);
                ViewTransform zoom = fit.zoomAt(6, 600, 350);
                TopologyPainter.Style st = new TopologyPainter.Style(Palette.LIGHT, LatencyThresholds.DEFAULT,
                        new AddressLabeler(PrivacyMask.NONE, null, a -> null), -1, -1, true);
                StringBuilder out = new StringBuilder();
                List<Double> base = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    long t = System.nanoTime();
                    c.getGraphicsContext2D().fillRect(0, 0, 1200, 700);
                    c.snapshot(new SnapshotParameters(), null);
                    base.add((System.nanoTime() - t) / 1e6);
                }
                out.append(String.format(Locale.ROOT, "frame_ms baseline (clear + snapshot only): median %.1f wall;"
                        + " load %s%n", median(base), java.nio.file.Files.readString(java.nio.file.Path.of(
                                "/proc/loadavg")).trim()));
                for (var e : List.of(java.util.Map.entry("whole graph", fit), java.util.Map.entry("zoomed 6x", zoom))) {
                    List<Double> paint = new ArrayList<>();
                    List<Double> frame = new ArrayList<>();
                    List<Double> cpu = new ArrayList<>();
                    for (int i = 0; i < 12; i++) {
                        long cpu0 = processCpuNanos();
                        long t = System.nanoTime();
                        TopologyPainter.paint(c.getGraphicsContext2D(), 1200, 700, g, lay, e.getValue(), st);
                        long painted = System.nanoTime();
                        c.snapshot(new SnapshotParameters(), null); // forces the drawing to be rasterised
                        long done = System.nanoTime();
                        paint.add((painted - t) / 1e6);
                        frame.add((done - t) / 1e6);
                        cpu.add((processCpuNanos() - cpu0) / 1e6);
                    }
                    out.append(String.format(Locale.ROOT, "frame_ms %s: paint median %.1f, paint+raster median %.1f"
                            + " wall, %.1f process CPU%n", e.getKey(), median(paint), median(frame), median(cpu)));
                }
                frames.complete(out.toString());
            } catch (Throwable t) {
                frames.completeExceptionally(t);
            }
        });
        System.out.print(frames.get(120, TimeUnit.SECONDS));
        System.out.println("pipeline " + System.getProperty("prism.order", "default"));
        Platform.exit();
    }

    /**
     * {@code rounds} continuous rounds over the demo network in virtual time (36,000 = an hour at 10
     * rounds a second), building the GUI's presentation every 100 rounds as the window would; prints
     * the heap after GC as it goes.
     */
    private static void heap(long rounds) throws Exception {
        Topology demo = Topology.builtIn("demo");
        TraceSettings s = TraceSettings.builder("demo").maxTtl(16).probesPerHop(1)
                .waitTime(Duration.ofMillis(90)).build();
        ContinuousTracer t = new ContinuousTracer(s, new SimulatedTransport(demo, SimulatedTransport.Clock.VIRTUAL),
                InetAddress.getByName("198.18.90.80"),
                ContinuousSettings.every(Duration.ofMillis(100)).withMaxRounds(rounds));
        PresentationBuilder pb = new PresentationBuilder(new EngineDiagnostician());
        PresentationOptions po = PresentationOptions.DEFAULT;
        long step = Math.max(1, rounds / 6);
        long[] nextReport = {step};
        long t0 = System.nanoTime();
        System.out.printf(Locale.ROOT, "heap_mb rounds 0: %.1f%n", usedMb());
        t.listener(roundFinished -> {
            long r = t.rounds();
            if (roundFinished && r > 0 && r % 100 == 0) {
                pb.continuous(t.snapshot(), t, po);
            }
            if (roundFinished && r >= nextReport[0]) {
                nextReport[0] += step;
                var snap = t.snapshot();
                System.out.printf(Locale.ROOT, "heap_mb rounds %d (%.0f s of trace): %.1f  (elapsed %.0f s)%n", r,
                        (snap.lastRoundMicros() - snap.firstRoundMicros()) / 1e6, usedMb(),
                        (System.nanoTime() - t0) / 1e9);
            }
        });
        t.run();
        System.out.printf(Locale.ROOT, "heap_mb final after %d rounds: %.1f%n", t.rounds(), usedMb());
    }

    /**
     * What the diagnosis costs per live update (the feed rebuilds the presentation up to 10 times a
     * second, off the FX thread): the engine's PathAnalysis via EngineDiagnostician, against the whole
     * presentation it is part of, on a demo MDA-Lite trace and on an hour of continuous rounds.
     */
    private static void diagnose() throws Exception {
        Topology demo = Topology.builtIn("demo");
        InetAddress target = InetAddress.getByName("198.18.90.80");
        TraceSettings mdaSettings = TraceSettings.builder("demo").method(org.hopscope.engine.probe.ProbeMethod.PARIS)
                .algorithm(org.hopscope.engine.algo.Algorithm.LITE).waitTime(Duration.ofMillis(300)).build();
        var mda = new org.hopscope.engine.mda.MultipathTracer(mdaSettings,
                org.hopscope.engine.mda.MdaSettings.defaults(),
                new SimulatedTransport(demo, SimulatedTransport.Clock.VIRTUAL), target).run();
        TraceSettings cs = TraceSettings.builder("demo").maxTtl(16).probesPerHop(1)
                .waitTime(Duration.ofMillis(90)).build();
        ContinuousTracer ct = new ContinuousTracer(cs, new SimulatedTransport(demo, SimulatedTransport.Clock.VIRTUAL),
                target, ContinuousSettings.every(Duration.ofMillis(100)).withMaxRounds(36_000));
        ct.run();
        PresentationBuilder pb = new PresentationBuilder(new EngineDiagnostician());
        for (var e : List.of(java.util.Map.entry("demo MDA-Lite", mda),
                java.util.Map.entry("continuous 36000 rounds", ct.snapshot().aggregate()))) {
            var snap = e.getValue();
            var anomalies = org.hopscope.app.gui.model.HopAnomalies.of(snap);
            List<Double> diag = new ArrayList<>();
            List<Double> whole = new ArrayList<>();
            int verdicts = 0;
            for (int i = 0; i < 40; i++) {
                long t = System.nanoTime();
                verdicts = new EngineDiagnostician().diagnose(snap, anomalies, LatencyThresholds.DEFAULT).size();
                diag.add((System.nanoTime() - t) / 1e6);
                t = System.nanoTime();
                pb.single(snap, PresentationOptions.DEFAULT);
                whole.add((System.nanoTime() - t) / 1e6);
            }
            System.out.printf(Locale.ROOT, "diagnose_ms %s (%d probes, %d verdicts): median %.2f of a whole"
                    + " presentation's %.2f (first run %.1f)%n", e.getKey(), snap.probes().size(), verdicts,
                    median(diag.subList(10, 40)), median(whole.subList(10, 40)), diag.get(0));
        }
    }

    /** CPU time of the whole process (FX, render and GC threads): on a shared machine, wall time lies. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAvg() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double usedMb() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
