package org.hopscope.engine.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A plain TCP connection to the service's port, timed (the handshake only: it is closed at once; no
 * data is sent). What the user's application would see first.
 *
 * @param address where
 * @param outcome OPEN (handshake completed), REFUSED (RST: the host is there, the port closed),
 *     TIMED_OUT (no answer: filtered or lost), FAILED (no route, unreachable, ...), NOT_RUN
 * @param millis handshake time, or time until the failure
 * @param detail the system's message on failure, or ""
 */
public record TcpConnect(InetSocketAddress address, Outcome outcome, double millis, String detail) {

    public enum Outcome { OPEN, REFUSED, TIMED_OUT, FAILED, NOT_RUN }

    public static TcpConnect notRun(String why) {
        return new TcpConnect(null, Outcome.NOT_RUN, Double.NaN, why);
    }

    /** Connects with {@code timeout}; never throws. */
    public static TcpConnect run(InetSocketAddress address, Duration timeout) {
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(address, (int) Math.max(1, timeout.toMillis()));
            return new TcpConnect(address, Outcome.OPEN, (System.nanoTime() - t0) / 1e6, "");
        } catch (SocketTimeoutException e) {
            return new TcpConnect(address, Outcome.TIMED_OUT, (System.nanoTime() - t0) / 1e6, "timed out");
        } catch (ConnectException e) {
            String m = String.valueOf(e.getMessage());
            Outcome o = m.contains("refused") ? Outcome.REFUSED : Outcome.FAILED;
            return new TcpConnect(address, o, (System.nanoTime() - t0) / 1e6, m);
        } catch (IOException | RuntimeException e) {
            return new TcpConnect(address, Outcome.FAILED, (System.nanoTime() - t0) / 1e6, String.valueOf(e.getMessage()));
        }
    }
}
