package org.eventdispatcher.link;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The lines sent with {@code cache} while the client is disconnected (PROTOCOL.md e), or while the
 * broker is out of reach (h.3), kept in order until the next connection, within a count and a byte
 * bound: past either, the oldest line is dropped and counted.
 *
 * <p>A line written to a connection that has not proven itself yet stays here, <em>in flight</em>,
 * until the connection does ({@link #delivered()}); should the connection die first, it goes back
 * to the head, in order, and is written again to the next one ({@link #undelivered()}). So a server
 * that accepts and closes without a word (a full one) loses none of them; a server that took them
 * and died before saying anything may see them twice. Not thread-safe: its owner calls it under its
 * own lock.
 */
public final class ReconnectBuffer {

    private final int maxMessages;
    private final long maxBytes;
    private final Deque<byte[]> inFlight = new ArrayDeque<>();
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
        while (size() >= maxMessages || bytes + line.length > maxBytes) {
            bytes -= (inFlight.isEmpty() ? lines : inFlight).removeFirst().length;
            made++;
        }
        lines.addLast(line);
        bytes += line.length;
        dropped += made;
        return made;
    }

    /** The oldest line not in flight, left in place; null when there is none. */
    public byte[] peek() {
        return lines.peekFirst();
    }

    /** Forgets the oldest line not in flight, once it was sent. */
    public void remove() {
        bytes -= lines.removeFirst().length;
    }

    /** The line {@link #peek()} returned was written to a connection not proven yet: it is in flight. */
    public void written() {
        inFlight.addLast(lines.removeFirst());
    }

    /** The connection proved itself: the lines in flight were delivered, and are forgotten. */
    public void delivered() {
        while (!inFlight.isEmpty()) {
            bytes -= inFlight.removeFirst().length;
        }
    }

    /** The connection died before it proved itself: the lines in flight go back to the head, in order. */
    public void undelivered() {
        while (!inFlight.isEmpty()) {
            lines.addFirst(inFlight.removeLast());
        }
    }

    public void clear() {
        inFlight.clear();
        lines.clear();
        bytes = 0;
    }

    /** Lines kept, in flight included. */
    public int size() {
        return inFlight.size() + lines.size();
    }

    /** Lines dropped for want of room since start-up. */
    public long dropped() {
        return dropped;
    }
}
