package org.eventdispatcher.protocol.transport;

import java.util.Arrays;

/**
 * Cuts a stream read a byte at a time into lines by the {@link LineRules}. One per stream; not
 * thread-safe. The buffer grows with the longest line seen, up to the maximum, and shrinks back
 * after a long line, so an idle connection holds little.
 */
public final class LineAssembler {

    private static final int INITIAL = 128;
    private static final int KEPT = 8 * 1024;

    private final int maxLength;
    private byte[] bytes = new byte[INITIAL];
    private int size;

    public LineAssembler(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("the maximum line length must be at least 1, not " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /**
     * Takes the next byte of the stream.
     *
     * @return the line this byte ended, without its terminator and {@code \r}; null while the line goes on
     * @throws LineTooLongException when the line passes the maximum; what was gathered of it is dropped
     */
    public byte[] add(byte next) throws LineTooLongException {
        if (next == LineRules.TERMINATOR) {
            int length = size > 0 && bytes[size - 1] == LineRules.CARRIAGE_RETURN ? size - 1 : size;
            if (length > maxLength) {
                reset();
                throw new LineTooLongException(maxLength);
            }
            byte[] line = Arrays.copyOf(bytes, length);
            reset();
            return line;
        }
        if (size == LineRules.maxPending(maxLength)) {
            reset();
            throw new LineTooLongException(maxLength);
        }
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(bytes.length * 2, LineRules.maxPending(maxLength)));
        }
        bytes[size++] = next;
        return null;
    }

    /** Bytes of a line not ended yet: what a peer that closes now leaves cut off. */
    public int pending() {
        return size;
    }

    /**
     * What was gathered of a line not ended, taken as a line: for a reader that accepts the last
     * line of a peer that closed without its terminator. Empty when nothing was pending.
     */
    public byte[] takePending() {
        byte[] line = Arrays.copyOf(bytes, size);
        reset();
        return line;
    }

    private void reset() {
        size = 0;
        if (bytes.length > KEPT) {
            bytes = new byte[INITIAL];
        }
    }
}
