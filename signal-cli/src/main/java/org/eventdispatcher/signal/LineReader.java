package org.eventdispatcher.signal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code \n}-terminated lines from a socket until one deadline, so that however the daemon
 * trickles its bytes the whole wait never exceeds the timeout the user gave. Lines are capped at
 * the daemons' default maximum: a peer that never sends a line feed cannot fill the heap.
 */
final class LineReader {

    static final int MAX_LINE_BYTES = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final long deadline;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    LineReader(Socket socket, long deadlineNanos) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadline = deadlineNanos;
    }

    /**
     * The next line without its terminator ({@code \n} or {@code \r\n}), or null when the peer
     * closed the connection.
     *
     * @throws SocketTimeoutException when the deadline passes first
     */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            if (position == limit && !fill()) {
                return line.size() == 0 ? null : decode(line);
            }
            byte next = buffer[position++];
            if (next == '\n') {
                return decode(line);
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new IOException("the peer sent a line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(next);
        }
    }

    private boolean fill() throws IOException {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
        int read = in.read(buffer);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private static String decode(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
