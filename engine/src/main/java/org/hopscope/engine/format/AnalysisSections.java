package org.hopscope.engine.format;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Locale;
import org.hopscope.engine.analysis.Finding;
import org.hopscope.engine.analysis.PathAnalysis;
import org.hopscope.engine.graph.Balancer;
import org.hopscope.engine.graph.Diamond;
import org.hopscope.engine.graph.Edge;
import org.hopscope.engine.graph.MultipathTopology;
import org.hopscope.engine.graph.TopologyBuilder;
import org.hopscope.engine.graph.Vertex;
import org.hopscope.engine.probe.FlowId;
import org.hopscope.engine.trace.TraceSnapshot;

/**
 * The derived {@code "topology"} and {@code "findings"} sections of a trace document
 * (docs/trace-document.md, "Topology and findings"): recomputed from the probes by {@link
 * TopologyBuilder} and {@link PathAnalysis}, written for readers' convenience, ignored by {@link
 * TraceDocumentReader} (which recomputes them from the probes it reads).
 */
final class AnalysisSections {
    private AnalysisSections() {
    }

    static void write(JsonWriter w, TraceSnapshot s) throws IOException {
        MultipathTopology t = TopologyBuilder.build(s);
        w.name("topology").beginObject();
        w.name("vertices").beginArray();
        for (Vertex v : t.vertices()) {
            w.beginObject();
            address(w, "address", v.address());
            w.name("role").value(v.role().name().toLowerCase(Locale.ROOT));
            w.name("ttls").beginArray();
            for (int ttl : v.ttls()) {
                w.value(ttl);
            }
            w.endArray();
            flows(w, v.flows());
            w.name("replies").value(v.replies());
            w.endObject();
        }
        w.endArray();
        w.name("edges").beginArray();
        for (Edge e : t.edges()) {
            edge(w, e, true);
        }
        for (Edge e : t.unverifiedEdges()) {
            edge(w, e, false);
        }
        w.endArray();
        w.name("balancers").beginArray();
        for (Balancer b : t.balancers()) {
            w.beginObject();
            address(w, "address", b.address());
            w.name("ttl").value(b.ttl());
            w.name("next_hops").beginArray();
            for (InetAddress a : b.nextHops()) {
                w.value(AddressLiterals.format(a));
            }
            w.endArray();
            w.name("kind").value(b.kind().name().toLowerCase(Locale.ROOT));
            w.endObject();
        }
        w.endArray();
        w.name("diamonds").beginArray();
        for (Diamond d : t.diamonds()) {
            w.beginObject();
            address(w, "divergence", d.divergence());
            w.name("divergence_ttl").value(d.divergenceTtl());
            address(w, "convergence", d.convergence());
            w.name("convergence_ttl").value(d.convergenceTtl());
            w.name("interfaces").beginArray();
            for (InetAddress a : d.interfaces()) {
                w.value(AddressLiterals.format(a));
            }
            w.endArray();
            w.name("max_width").value(d.maxWidth());
            w.name("min_length").value(d.minLength());
            w.name("max_length").value(d.maxLength());
            w.name("meshed").value(d.meshed());
            w.name("uniform").value(d.uniform());
            w.name("symmetric").value(d.symmetric());
            w.name("balancing").value(d.balancing().name().toLowerCase(Locale.ROOT));
            w.endObject();
        }
        w.endArray();
        w.endObject();

        w.name("findings").beginArray();
        for (Finding f : PathAnalysis.analyze(s, t)) {
            w.beginObject();
            w.name("kind").value(f.kind().name().toLowerCase(Locale.ROOT));
            w.name("category").value(f.kind().category().name().toLowerCase(Locale.ROOT));
            w.name("severity").value(f.severity().name().toLowerCase(Locale.ROOT));
            w.name("ttl").value(f.ttl());
            w.name("addresses").beginArray();
            for (InetAddress a : f.addresses()) {
                w.value(AddressLiterals.format(a));
            }
            w.endArray();
            w.name("text").value(f.text());
            w.name("evidence").value(f.evidence());
            w.endObject();
        }
        w.endArray();
    }

    private static void edge(JsonWriter w, Edge e, boolean verified) throws IOException {
        w.beginObject();
        address(w, "from", e.from());
        address(w, "to", e.to());
        w.name("from_ttls").beginArray();
        for (int ttl : e.fromTtls()) {
            w.value(ttl);
        }
        w.endArray();
        w.name("gap").value(e.gap());
        w.name("verified").value(verified);
        flows(w, e.flows());
        w.name("share").jsonValue(String.format(Locale.ROOT, "%.4f", e.share()));
        w.endObject();
    }

    private static void flows(JsonWriter w, Collection<FlowId> flows) throws IOException {
        w.name("flows").beginArray();
        for (FlowId f : flows) {
            w.value(f.value());
        }
        w.endArray();
    }

    private static void address(JsonWriter w, String key, InetAddress a) throws IOException {
        w.name(key);
        if (a == null) {
            w.nullValue();
        } else {
            w.value(AddressLiterals.format(a));
        }
    }
}
