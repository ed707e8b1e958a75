package app.rapport.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy that misbehaves on purpose: on its first connection it forwards the server's first
 * {@code bytes} bytes and then either cuts the connection or goes silent (keeps it open, forwards nothing more).
 * Later connections are forwarded faithfully, so a client that reconnects recovers.
 */
public final class TcpProxy implements AutoCloseable {

    /** What happens after the server's first {@code bytes} bytes on the first connection. */
    public enum Fault {
        CUT, SILENCE
    }

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Fault fault;
    private final long faultAfter;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean faultHappened;

    public TcpProxy(String targetHost, int targetPort, Fault fault, long faultAfterServerBytes) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.fault = fault;
        this.faultAfter = faultAfterServerBytes;
        Thread accept = new Thread(this::acceptLoop, "tcp-proxy-" + port());
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections clients made through the proxy. */
    public int connections() {
        return connections.get();
    }

    /** Whether the fault has happened (the first connection was cut or went silent). */
    public boolean faultHappened() {
        return faultHappened;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(server);
                boolean faulty = connections.incrementAndGet() == 1;
                pump(client.getInputStream(), server.getOutputStream(), Long.MAX_VALUE, client, server, false);
                pump(server.getInputStream(), client.getOutputStream(), faulty ? faultAfter : Long.MAX_VALUE, server,
                        client, faulty);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, long limit, Socket a, Socket b, boolean faulty) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long forwarded = 0;
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    int allowed = (int) Math.min(n, limit - forwarded);
                    out.write(buffer, 0, allowed);
                    out.flush();
                    forwarded += allowed;
                    if (faulty && forwarded >= limit) {
                        faultHappened = true;
                        if (fault == Fault.CUT) {
                            break;
                        }
                        // Silent: keep both sockets open and swallow everything the server sends.
                        while (in.read(buffer) >= 0) {
                            // discard
                        }
                    }
                }
            } catch (IOException ignored) {
                // one side closed; close the other below
            }
            closeQuietly(a);
            closeQuietly(b);
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }
}
