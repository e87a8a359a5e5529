package org.hopscope.app.gui.viewmodel;

import java.time.Duration;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.hopscope.app.gui.run.TraceMode;
import org.hopscope.app.gui.store.GuiSettings;
import org.hopscope.engine.probe.ProbeProtocol;
import org.hopscope.engine.trace.TraceSettings;

/** The probe options the target bar and the "More options" panel edit. */
public final class TraceOptionsModel {
    public final ObjectProperty<ProbeProtocol> protocol = new SimpleObjectProperty<>(ProbeProtocol.UDP);
    /** What the protocol selector shows; kept in step with {@link #protocol}. */
    public final ObjectProperty<ProtocolChoice> protocolChoice = new SimpleObjectProperty<>(ProtocolChoice.UDP);
    /** Destination port for UDP/TCP; 0 = the protocol's default (33457 / 80). */
    public final IntegerProperty port = new SimpleIntegerProperty(0);
    public final ObjectProperty<TraceMode> mode = new SimpleObjectProperty<>(TraceMode.MULTIPATH);
    public final IntegerProperty probesPerHop = new SimpleIntegerProperty(3);
    public final IntegerProperty maxTtl = new SimpleIntegerProperty(30);
    public final IntegerProperty firstTtl = new SimpleIntegerProperty(1);
    public final IntegerProperty waitMillis = new SimpleIntegerProperty(5000);
    public final IntegerProperty tos = new SimpleIntegerProperty(0);
    public final IntegerProperty packetLength = new SimpleIntegerProperty(0);
    public final IntegerProperty flows = new SimpleIntegerProperty(16);
    public final IntegerProperty intervalMillis = new SimpleIntegerProperty(1000);

    public TraceOptionsModel() {
        protocolChoice.addListener((o, a, c) -> {
            if (c != null && protocol.get() != c.protocol()) {
                protocol.set(c.protocol());
            }
        });
        protocol.addListener((o, a, p) -> {
            if (p != null && protocolChoice.get().protocol() != p) {
                protocolChoice.set(ProtocolChoice.of(p));
            }
        });
    }

    /** Whether the user picked TCP InSession, which the trace engine's settings cannot express. */
    public boolean inSession() {
        return protocolChoice.get() != null && protocolChoice.get().inSession();
    }

    /** Settings for a target; throws IllegalArgumentException with a user-readable message. */
    public TraceSettings settings(String target) {
        TraceSettings.Builder b = TraceSettings.builder(target)
                .protocol(protocol.get())
                .probesPerHop(probesPerHop.get())
                .maxTtl(maxTtl.get())
                .firstTtl(firstTtl.get())
                .waitTime(Duration.ofMillis(Math.max(1, waitMillis.get())))
                .tos(tos.get())
                .packetLength(packetLength.get());
        if (port.get() > 0) {
            b.destinationPort(port.get());
        }
        return b.build();
    }

    public void load(GuiSettings s) {
        try {
            protocolChoice.set(ProtocolChoice.valueOf(s.protocol)); // UDP, ICMP, TCP or TCP_INSESSION
            mode.set(TraceMode.valueOf(s.mode));
        } catch (IllegalArgumentException e) {
            // unknown names from a newer build: keep the defaults
        }
        port.set(s.port);
        probesPerHop.set(s.probesPerHop);
        maxTtl.set(s.maxTtl);
        firstTtl.set(s.firstTtl);
        waitMillis.set(s.waitMillis);
        tos.set(s.tos);
        packetLength.set(s.packetLength);
        flows.set(s.flows);
        intervalMillis.set(s.intervalMillis);
    }

    public void store(GuiSettings s) {
        s.protocol = protocolChoice.get().name();
        s.mode = mode.get().name();
        s.port = port.get();
        s.probesPerHop = probesPerHop.get();
        s.maxTtl = maxTtl.get();
        s.firstTtl = firstTtl.get();
        s.waitMillis = waitMillis.get();
        s.tos = tos.get();
        s.packetLength = packetLength.get();
        s.flows = flows.get();
        s.intervalMillis = intervalMillis.get();
    }
}
