package org.eventdispatcher.tcp.client;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The lines sent with {@code cache} while the client is disconnected (PROTOCOL.md e), or while the
 * broker is out of reach (h.3), kept in order until the next connection, within a count and a byte
 * bound: past either, the oldest line is dropped and counted. Not thread-safe: its owner calls it
 * under its own lock.
 */
public final class ReconnectBuffer {

    private final int maxMessages;
    private final long maxBytes;
    private final Deque<byte[]> lines = new ArrayDeque<>();
    private long bytes;
    private long dropped;

    public ReconnectBuffer(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /**
     * Keeps a line, dropping the oldest ones to make room.
     *
     * @return how many lines were dropped for it (the line itself, when it alone is past the bounds)
     */
    public int add(byte[] line) {
        if (maxMessages == 0 || line.length > maxBytes) {
            dropped++;
            return 1;
        }
        int made = 0;
        while (lines.size() >= maxMessages || bytes + line.length > maxBytes) {
            bytes -= lines.removeFirst().length;
            made++;
        }
        lines.addLast(line);
        bytes += line.length;
        dropped += made;
        return made;
    }

    /** The oldest line, left in place; null when empty. */
    public byte[] peek() {
        return lines.peekFirst();
    }

    /** Forgets the oldest line, once it was sent. */
    public void remove() {
        bytes -= lines.removeFirst().length;
    }

    public void clear() {
        lines.clear();
        bytes = 0;
    }

    public int size() {
        return lines.size();
    }

    /** Lines dropped for want of room since start-up. */
    public long dropped() {
        return dropped;
    }
}
