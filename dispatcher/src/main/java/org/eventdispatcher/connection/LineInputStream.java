package org.eventdispatcher.connection;

import java.io.IOException;
import java.io.InputStream;


/**
 * A socket's input, buffered, that hands out whole lines: one {@code read} system call brings in
 * as many lines as the peer has sent, where Spring Integration's LF deserializer would read the
 * raw socket one byte per call.
 *
 * <p>Just before it would block waiting for the peer, it runs a hook: the connection uses it to
 * flush the replies to everything read so far, so that replies to a burst of requests go out in
 * one write.
 *
 * <p>The buffer starts small (an idle connection costs little) and grows while reads keep filling
 * it, up to {@link #GROWTH_LIMIT}, or up to the maximum line length for a long line; it shrinks
 * back once a long line has been consumed. Used by one reader thread.
 */
final class LineInputStream extends InputStream {

    /** Hook run before a read that may block; may throw to end the connection. */
    @FunctionalInterface
    interface BeforeBlockingRead {
        void run() throws IOException;
    }

    static final int INITIAL_CAPACITY = 1024;
    static final int GROWTH_LIMIT = 16 * 1024;

    private final InputStream socket;
    private final BeforeBlockingRead beforeBlockingRead;
    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int position;
    private int limit;

    LineInputStream(InputStream socket, BeforeBlockingRead beforeBlockingRead) {
        this.socket = socket;
        this.beforeBlockingRead = beforeBlockingRead;
    }

    /** Bytes read from the socket and not yet handed out. */
    int buffered() {
        return limit - position;
    }

    /**
     * The next line without its {@code \n} and without one {@code \r} before it.
     *
     * @param maxLength longest line accepted, terminator excluded
     * @throws LineTooLongException    when the line is longer; the connection cannot continue
     * @throws PeerClosedException     when the peer closed between two lines
     * @throws TruncatedLineException  when the peer closed in the middle of a line
     */
    byte[] readLine(int maxLength) throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    return take(i, maxLength);
                }
            }
            if (limit - position > maxLength + 1) { // + 1: room for a '\r' whose '\n' is still to come
                throw new LineTooLongException(maxLength);
            }
            makeRoom(maxLength);
            scanned = limit; // every byte in the buffer has been looked at
            if (fill() < 0) {
                int partial = limit - position;
                position = limit;
                if (partial == 0) {
                    throw new PeerClosedException();
                }
                throw new TruncatedLineException(partial);
            }
        }
    }

    private byte[] take(int newline, int maxLength) throws LineTooLongException {
        int end = newline > position && buffer[newline - 1] == '\r' ? newline - 1 : newline;
        int length = end - position;
        if (length > maxLength) {
            throw new LineTooLongException(maxLength);
        }
        byte[] line = new byte[length];
        System.arraycopy(buffer, position, line, 0, length);
        position = newline + 1;
        if (position == limit) {
            position = 0;
            limit = 0;
            if (buffer.length > GROWTH_LIMIT) {
                buffer = new byte[GROWTH_LIMIT]; // a long line is over: give the memory back
            }
        }
        return line;
    }

    /** Moves the unread bytes to the front and grows the buffer when it is full. */
    private void makeRoom(int maxLength) {
        int unread = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, unread);
            position = 0;
            limit = unread;
        }
        if (limit == buffer.length) {
            int longest = maxLength + 2; // a full line with "\r\n"
            byte[] larger = new byte[Math.max(limit + 1, Math.min(buffer.length * 2, longest))];
            System.arraycopy(buffer, 0, larger, 0, limit);
            buffer = larger;
        }
    }

    /** Reads what the socket has, after the hook; -1 at end of stream. */
    private int fill() throws IOException {
        beforeBlockingRead.run();
        int free = buffer.length - limit;
        int read = socket.read(buffer, limit, free);
        if (read > 0) {
            limit += read;
            if (read == free && buffer.length < GROWTH_LIMIT) {
                // the peer sends faster than we read: bigger reads mean fewer system calls
                byte[] larger = new byte[buffer.length * 2];
                System.arraycopy(buffer, 0, larger, 0, limit);
                buffer = larger;
            }
        }
        return read;
    }

    @Override
    public int read() throws IOException {
        if (position == limit) {
            position = 0;
            limit = 0;
            if (fill() < 0) {
                return -1;
            }
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit) {
            position = 0;
            limit = 0;
            if (fill() < 0) {
                return -1;
            }
        }
        int count = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() throws IOException {
        return (limit - position) + socket.available();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
