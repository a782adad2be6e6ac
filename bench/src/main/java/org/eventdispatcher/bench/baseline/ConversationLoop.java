package org.eventdispatcher.bench.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One selector thread accepting on its own listening socket and serving its connections.
 * Every line of one read is answered into a shared output buffer that goes out in a single
 * write, so pipelined requests cost one system call per batch instead of one per line. When the peer does not keep up, the
 * unwritten rest waits on the connection and reading from it stops until it has drained.
 */
final class ConversationLoop implements Runnable {

    /** Longer lines close the connection, as the project's default maximum line length does. */
    static final int MAX_LINE = 64 * 1024;

    /** While accept fails (out of file descriptors), it is retried this often instead of in a busy loop. */
    private static final long ACCEPT_RETRY_MILLIS = 100;

    private static final byte[] HI = ascii("HI\n");
    private static final byte[] CLIMB = ascii("CLIMB\n");
    private static final byte[] WHO = ascii("WHO\n");
    private static final byte[] BYE = ascii("BYE\n");

    private final Selector selector;
    private final ServerSocketChannel listener;
    private final SelectionKey acceptKey;
    private boolean acceptPaused;
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    private final ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
    private volatile boolean closed;

    ConversationLoop(ServerSocketChannel listener) throws IOException {
        this.listener = listener;
        this.selector = Selector.open();
        listener.configureBlocking(false);
        acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** Ends the loop; the loop's thread closes the listener and every connection. */
    void close() {
        closed = true;
        selector.wakeup();
    }

    /** Releases what the constructor opened when the loop's thread never started. */
    void closeUnstarted() throws IOException {
        listener.close();
        selector.close();
    }

    @Override
    public void run() {
        try {
            while (!closed) {
                if (acceptPaused) {
                    selector.select(this::serve, ACCEPT_RETRY_MILLIS);
                    acceptPaused = false;
                    acceptKey.interestOps(SelectionKey.OP_ACCEPT);
                } else {
                    selector.select(this::serve);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed", e);
        } finally {
            for (SelectionKey key : List.copyOf(selector.keys())) {
                if (key.attachment() instanceof Connection connection) {
                    connection.close();
                }
            }
            try {
                listener.close();
                selector.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    private void serve(SelectionKey key) {
        if (key.isAcceptable()) {
            acceptPending();
            return;
        }
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isWritable()) {
                connection.writePending();
            }
            if (key.isValid() && key.isReadable()) {
                read(connection);
            }
        } catch (IOException e) {
            // resets and broken pipes are how load generators say goodbye
            connection.close();
        }
    }

    private void acceptPending() {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                // e.g. out of file descriptors: the connection stays queued until accept works again
                System.err.println("accept failed, retrying in " + ACCEPT_RETRY_MILLIS + " ms: " + e);
                acceptPaused = true;
                acceptKey.interestOps(0);
                return;
            }
            if (channel == null) {
                return;
            }
            Connection connection = new Connection(channel);
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
                put(connection, HI);
                flush(connection);
            } catch (IOException e) {
                connection.close();
            }
        }
    }

    private void read(Connection connection) throws IOException {
        in.clear();
        if (connection.channel.read(in) < 0) {
            connection.close();
            return;
        }
        int limit = in.position();
        int lineStart = 0;
        if (connection.partialLength > 0) {
            int newline = indexOfNewline(in, 0, limit);
            if (!connection.appendPartial(in, 0, newline < 0 ? limit : newline)) {
                tooLong(connection);
                return;
            }
            if (newline < 0) {
                return;
            }
            answer(connection, ByteBuffer.wrap(connection.partial), 0, connection.partialLength);
            connection.partialLength = 0;
            lineStart = newline + 1;
        }
        for (int i = lineStart; i < limit; i++) {
            if (in.get(i) == '\n') {
                answer(connection, in, lineStart, i);
                lineStart = i + 1;
            }
        }
        if (lineStart < limit && !connection.appendPartial(in, lineStart, limit)) {
            tooLong(connection);
            return;
        }
        flush(connection);
    }

    private void answer(Connection connection, ByteBuffer line, int start, int end) throws IOException {
        while (start < end && isBlank(line.get(start))) {
            start++;
        }
        while (end > start && isBlank(line.get(end - 1))) {
            end--;
        }
        if (start == end) {
            return; // empty lines are ignored, as by the real daemons
        }
        int commandEnd = start;
        while (commandEnd < end && line.get(commandEnd) != ' ') {
            commandEnd++;
        }
        put(connection, reply(line, start, commandEnd));
    }

    private static byte[] reply(ByteBuffer line, int start, int end) {
        if (end - start == 3) {
            byte a = line.get(start), b = line.get(start + 1), c = line.get(start + 2);
            if (a == 'D' && b == 'A' && c == 'D') {
                return CLIMB;
            }
            if (a == 'T' && b == 'O' && c == 'P') {
                return WHO;
            }
            if (a == 'M' && b == 'O' && c == 'M') {
                return BYE;
            }
        }
        byte[] command = new byte[end - start];
        line.get(start, command);
        return ("UNKNOWN command=" + new String(command, StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void put(Connection connection, byte[] reply) throws IOException {
        if (reply.length > out.remaining()) {
            flush(connection);
            if (reply.length > out.remaining()) {
                connection.queue(ByteBuffer.wrap(reply));
                return;
            }
        }
        out.put(reply);
    }

    /** Writes what the shared buffer holds, or keeps it behind output that is already waiting. */
    private void flush(Connection connection) throws IOException {
        out.flip();
        if (connection.pending == null) {
            connection.channel.write(out);
        }
        if (out.hasRemaining()) {
            connection.queue(out);
        }
        out.clear();
        if (connection.pending != null) {
            connection.key.interestOps(SelectionKey.OP_WRITE);
        }
    }

    private static void tooLong(Connection connection) {
        System.err.println("closing a connection whose line exceeds " + MAX_LINE + " bytes");
        connection.close();
    }

    private static int indexOfNewline(ByteBuffer buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The protocol's blanks: ASCII space, tab, LF, VT, FF, CR (not Java's trim()). */
    private static boolean isBlank(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
