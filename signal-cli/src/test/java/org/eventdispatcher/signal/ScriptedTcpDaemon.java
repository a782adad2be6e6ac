package org.eventdispatcher.signal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A daemon stand-in on 127.0.0.1 that plays a script for each connection, one connection at a
 * time in accept order: optionally greet with {@code HI}, read the first line, optionally answer,
 * then close at once or after the peer does. It records every byte each connection sent.
 */
final class ScriptedTcpDaemon implements AutoCloseable {

    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    /** What the daemon does once it has read the first line. */
    enum AfterLine {
        /** Close the connection, as the server does on QUIT. */
        CLOSE,
        /** Read until the peer closes or half-closes, then close, as the daemons do. */
        CLOSE_AFTER_PEER,
        /** Read until the peer half-closes, then hold the connection open until the daemon is closed. */
        HOLD_OPEN
    }

    private final ServerSocket server;
    private final boolean greet;
    private final String answer;
    private final AfterLine afterLine;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Lets a HOLD_OPEN connection go: counted down on close. */
    private final CountDownLatch released = new CountDownLatch(1);

    private ScriptedTcpDaemon(boolean greet, String answer, AfterLine afterLine) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.greet = greet;
        this.answer = answer;
        this.afterLine = afterLine;
        this.thread = new Thread(this::serve, "scripted-tcp-daemon");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Greets with {@code HI}, answers nothing, closes right after the first line (the server on QUIT). */
    static ScriptedTcpDaemon closingAfterLine() throws IOException {
        return new ScriptedTcpDaemon(true, null, AfterLine.CLOSE);
    }

    /** Greets when asked, answers the first line with {@code answer} (null: no answer), then {@code afterLine}. */
    static ScriptedTcpDaemon scripted(boolean greet, String answer, AfterLine afterLine) throws IOException {
        return new ScriptedTcpDaemon(greet, answer, afterLine);
    }

    int port() {
        return server.getLocalPort();
    }

    /** {@code 127.0.0.1:port}, for {@code --server}. */
    String address() {
        return "127.0.0.1:" + port();
    }

    /** Everything the next connection sent, waiting at most 10 s for it to end. */
    String nextReceived() throws InterruptedException {
        String bytes = received.poll(SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (bytes == null) {
            throw new AssertionError("no connection ended on " + address() + " within 10 s");
        }
        return bytes;
    }

    /**
     * Proves that no connection was made so far: connects a probe and checks that the first
     * connection the daemon serves is that probe (connections are served in accept order).
     */
    boolean noConnectionBeforeProbe() throws IOException, InterruptedException {
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port())) {
            probe.getOutputStream().write("PROBE\n".getBytes(StandardCharsets.UTF_8));
            probe.shutdownOutput();
            probe.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            probe.getInputStream().readAllBytes();
        }
        return nextReceived().equals("PROBE\n");
    }

    private void serve() {
        while (true) {
            Socket peer;
            try {
                peer = server.accept();
            } catch (IOException closed) {
                return;
            }
            try (peer) {
                peer.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                converse(peer);
            } catch (IOException e) {
                received.add("failed: " + e);
            }
        }
    }

    private void converse(Socket peer) throws IOException {
        OutputStream out = peer.getOutputStream();
        InputStream in = peer.getInputStream();
        if (greet) {
            out.write("HI\n".getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int next;
        while ((next = in.read()) >= 0) {
            bytes.write(next);
            if (next == '\n') {
                break;
            }
        }
        if (answer != null) {
            out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (afterLine != AfterLine.CLOSE) {
            in.transferTo(bytes);
        }
        received.add(bytes.toString(StandardCharsets.UTF_8));
        if (afterLine == AfterLine.HOLD_OPEN) {
            try {
                released.await(SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        released.countDown();
        server.close();
        thread.join(SOCKET_TIMEOUT_MILLIS);
    }
}
