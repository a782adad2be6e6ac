package org.eventdispatcher.connection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The bytes read from a connection and not yet handed out, cut into lines with the framing of
 * {@link LineFraming}: a line ends with {@code \n}, one {@code \r} before it is dropped, and a
 * line longer than the maximum is an error. The event loops fill it from a non-blocking channel,
 * a reader thread from its socket's stream ({@link LineInputStream}).
 *
 * <p>The buffer starts small (an idle connection costs little), grows while reads keep filling
 * it, up to {@link #GROWTH_LIMIT}, or up to the maximum line length for one long line, and
 * shrinks back once a long line has been consumed. Used by one thread at a time.
 */
final class LineBuffer {

    static final int INITIAL_CAPACITY = 1024;
    static final int GROWTH_LIMIT = 16 * 1024;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int position;
    private int limit;
    /** Bytes from {@link #position} already searched for a line feed. */
    private int scanned;

    /** Bytes read and not yet handed out. */
    int buffered() {
        return limit - position;
    }

    /**
     * Reads what the channel has, as much as fits.
     *
     * @param maxLength longest line accepted: the buffer grows up to that for one long line
     * @return the number of bytes read, 0 when none were waiting, -1 at the end of the stream
     */
    int readFrom(ReadableByteChannel channel, int maxLength) throws IOException {
        int free = makeRoom(maxLength);
        return filled(channel.read(ByteBuffer.wrap(bytes, limit, free)), free);
    }

    /** Reads what the stream has, as much as fits; blocks while it has nothing. */
    int readFrom(InputStream stream, int maxLength) throws IOException {
        int free = makeRoom(maxLength);
        return filled(stream.read(bytes, limit, free), free);
    }

    /**
     * The next whole line, without its terminator, or null when no whole line is buffered.
     *
     * @throws LineTooLongException when the buffered line is longer than {@code maxLength}; the
     *                              connection cannot continue
     */
    byte[] nextLine(int maxLength) throws LineTooLongException {
        for (int i = position + scanned; i < limit; i++) {
            if (bytes[i] == '\n') {
                return take(i, maxLength);
            }
        }
        scanned = limit - position;
        if (scanned > maxLength + 1) { // + 1: room for a '\r' whose '\n' is still to come
            throw new LineTooLongException(maxLength);
        }
        return null;
    }

    /** Copies up to {@code length} buffered bytes as they came, line feeds included. */
    int take(byte[] target, int offset, int length) {
        int count = Math.min(length, buffered());
        System.arraycopy(bytes, position, target, offset, count);
        consumed(position + count);
        return count;
    }

    /** Empties the buffer; returns how many bytes it held (a line cut off by the end of the stream). */
    int discard() {
        int dropped = buffered();
        consumed(limit);
        return dropped;
    }

    private byte[] take(int newline, int maxLength) throws LineTooLongException {
        int end = newline > position && bytes[newline - 1] == '\r' ? newline - 1 : newline;
        int length = end - position;
        if (length > maxLength) {
            throw new LineTooLongException(maxLength);
        }
        byte[] line = new byte[length];
        System.arraycopy(bytes, position, line, 0, length);
        consumed(newline + 1);
        return line;
    }

    private void consumed(int upTo) {
        position = upTo;
        scanned = 0;
        if (position == limit) {
            position = 0;
            limit = 0;
            if (bytes.length > GROWTH_LIMIT) {
                bytes = new byte[GROWTH_LIMIT]; // a long line is over: give the memory back
            }
        }
    }

    /** Moves unread bytes to the front and grows the buffer when it is full; returns the room left. */
    private int makeRoom(int maxLength) {
        int unread = limit - position;
        if (position > 0) {
            System.arraycopy(bytes, position, bytes, 0, unread);
            position = 0;
            limit = unread;
        }
        if (limit == bytes.length) {
            int longest = maxLength + 2; // a full line with "\r\n"
            int capacity = Math.max(limit + 1, Math.min(bytes.length * 2, Math.max(longest, GROWTH_LIMIT)));
            byte[] larger = new byte[capacity];
            System.arraycopy(bytes, 0, larger, 0, limit);
            bytes = larger;
        }
        return bytes.length - limit;
    }

    private int filled(int read, int free) {
        if (read > 0) {
            limit += read;
            if (read == free && bytes.length < GROWTH_LIMIT) {
                // the peer sends faster than we read: bigger reads mean fewer system calls
                byte[] larger = new byte[bytes.length * 2];
                System.arraycopy(bytes, 0, larger, 0, limit);
                bytes = larger;
            }
        }
        return read;
    }
}
