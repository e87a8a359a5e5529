package org.hopscope.engine.insession;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The destination's application for the InSession tests: accepts connections on the given port and,
 * when each ends, prints {@code CONN remote BYTES n}: how many bytes the application received (zero
 * is what InSession promises). Prints {@code READY} once listening. Runs until killed.
 */
public final class CountingServer {
    private CountingServer() {
    }

    public static void main(String[] args) throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(Integer.parseInt(args[0])), 64);
            System.out.println("READY");
            System.out.flush();
            while (true) {
                Socket c = server.accept();
                Thread t = new Thread(() -> serve(c));
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void serve(Socket c) {
        long n = 0;
        String who = c.getRemoteSocketAddress().toString();
        try (c; InputStream in = c.getInputStream()) {
            byte[] buf = new byte[4096];
            int r;
            while ((r = in.read(buf)) >= 0) {
                n += r;
            }
        } catch (IOException e) {
            who += " (" + e.getMessage() + ")";
        }
        synchronized (System.out) {
            System.out.println("CONN " + who + " BYTES " + n);
            System.out.flush();
        }
    }
}
