package org.eventdispatcher.testing.lines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A peer speaking lines over a plain socket, for tests. Every read is bounded by a socket timeout so
 * that a broken server fails the test instead of hanging it.
 */
public final class LineClient implements AutoCloseable {

    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    /** Connected to {@code port} on 127.0.0.1. */
    public LineClient(int port) throws IOException {
        // no bind before the connect: the kernel then picks a local port whose 4-tuple is unused
        this(new Socket(InetAddress.getByName("127.0.0.1"), port));
    }

    /** From {@code localAddress}, a loopback address of this host ({@code 127.0.0.2}, say). */
    public LineClient(String localAddress, int port) throws IOException {
        this(new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0));
    }

    /** Over a socket already connected (a TLS one, or one a server accepted); sets its read timeout. */
    public LineClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    /** Sends the text as is (add the line ends yourself). */
    public LineClient write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    public LineClient write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    public LineClient send(String line) throws IOException {
        return write(line + "\n");
    }

    /** The next line, without its end; null at end of stream. */
    public String readLine() throws IOException {
        return in.readLine();
    }

    /** Sends a line and reads the answer. */
    public String ask(String line) throws IOException {
        send(line);
        return readLine();
    }

    /**
     * Reads until the other end closes the connection; true when it did (end of stream or reset),
     * false when it sent a line instead.
     */
    public boolean closedByPeer() throws IOException {
        try {
            return in.readLine() == null;
        } catch (SocketException e) {
            return true; // reset: closed too
        }
    }

    /** Closes with a reset (SO_LINGER 0) instead of an orderly FIN. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
