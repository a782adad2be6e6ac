package org.eventdispatcher.tcp.client;

import java.util.function.Supplier;
import org.eventdispatcher.link.NotConnectedException;
import org.eventdispatcher.link.ReconnectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the application sends to the server, in order (PROTOCOL.md e): the lines sent with cache
 * while disconnected wait in a {@link ReconnectBuffer} and go first on the next connection, before
 * any new line; a buffered line is <em>in flight</em> until that connection proves itself (the
 * server said something), and goes back to the head of the buffer should it die before.
 *
 * <p>It owns the buffer and knows one connection at a time, through its phases:
 * <ol>
 * <li><b>opening</b> ({@link #opening}): new lines join the buffer, behind what waits there;</li>
 * <li><b>ready</b>, once {@link #flush} wrote the buffer to it: new lines are written at once;</li>
 * <li><b>closing</b>, after a write failed (the connection closes itself then): lines sent with
 * cache join the buffer, the others are refused;</li>
 * <li>{@link #closed} forgets it.</li>
 * </ol>
 * One lock, never held while writing: a write that waits on a server that reads nothing holds no
 * one but its caller, and {@link #buffered()} answers meanwhile. The flush turns the connection
 * ready in the same step that finds the buffer empty, so no new line overtakes a buffered one.
 */
final class Outbox {

    /** Logged under the link's name: users set its level, not the parts'. */
    private static final Logger log = LoggerFactory.getLogger(PermanentConnection.class);

    /** One connection, as the outbox writes to it. */
    interface Wire {

        /**
         * Writes one line, without its LF.
         *
         * @return false when the connection could not take it: it closes itself then
         */
        boolean write(byte[] line);

        /** {@code host:port} of the server, for the log. */
        String address();
    }

    /** Told before a line the server owes an answer to is written: its stall timer starts then. */
    interface AnswerWatch {
        void awaitsAnswer(Wire wire);
    }

    private enum Phase {
        DISCONNECTED,
        OPENING,
        READY,
        CLOSING
    }

    private final Object lock = new Object();
    private final ReconnectBuffer buffer;
    private final Supplier<String> server;
    private final AnswerWatch watch;
    private Wire current;
    private Phase phase = Phase.DISCONNECTED;
    /** The server sent a line on the current connection: what is written to it is delivered. */
    private boolean proven;

    private boolean finished;
    /** A drop was logged in this outage; the next ones are only counted. */
    private boolean dropsReported;

    /** @param server {@code host:port} of the server, for the messages of refusals */
    Outbox(ReconnectBuffer buffer, Supplier<String> server, AnswerWatch watch) {
        this.buffer = buffer;
        this.server = server;
        this.watch = watch;
    }

    /**
     * Sends one line, as upstream's {@code send_message(msg, cache)}.
     *
     * @param awaitsAnswer the server owes an answer to it (the stall timeout watches it)
     * @param cache        while disconnected, keep it for the next connection; false: refuse it
     * @throws NotConnectedException when disconnected and {@code cache} is false, or finished
     */
    void send(byte[] line, String command, boolean awaitsAnswer, boolean cache) {
        while (true) {
            Wire wire;
            synchronized (lock) {
                if (finished) {
                    throw new NotConnectedException(
                            "the conversation with " + server.get() + " is over: " + command + " not sent");
                }
                if (phase == Phase.READY) {
                    wire = current;
                } else if (phase == Phase.OPENING || cache) {
                    wire = null;
                } else {
                    throw notConnected(command);
                }
            }
            if (wire == null) {
                keep(line, command); // behind what waits for the connection
                return;
            }
            if (awaitsAnswer) {
                watch.awaitsAnswer(wire);
            }
            if (wire.write(line)) {
                return;
            }
            boolean anotherIsReady;
            synchronized (lock) {
                if (current == wire) {
                    phase = Phase.CLOSING;
                }
                anotherIsReady = current != wire && phase == Phase.READY;
                if (!anotherIsReady && !cache) {
                    throw notConnected(command);
                }
            }
            if (!anotherIsReady) {
                keep(line, command);
                return;
            }
            // the connection it was written to is already replaced, its buffer written: the new one takes it
        }
    }

    private NotConnectedException notConnected(String command) {
        return new NotConnectedException("not connected to " + server.get() + ": " + command
                + " not sent (send it with cache to have it sent once the connection is back)");
    }

    private void keep(byte[] line, String command) {
        int dropped;
        int kept;
        boolean report;
        synchronized (lock) {
            dropped = buffer.add(line);
            kept = buffer.size();
            report = dropped > 0 && !dropsReported;
            dropsReported |= report;
        }
        if (report) {
            log.warn(
                    "reconnect buffer full ({} kept): dropped the oldest message{} to keep {}; the next ones dropped"
                            + " while disconnected are counted, not logged",
                    kept,
                    dropped > 1 ? "s" : "",
                    command);
        }
    }

    /** A connection opened: until {@link #flush} has written the buffer to it, new lines wait behind. */
    void opening(Wire wire) {
        synchronized (lock) {
            current = wire;
            phase = Phase.OPENING;
            proven = false;
        }
    }

    /**
     * Writes what was buffered to the opening connection, oldest first, and makes it ready once the
     * buffer is empty; stops at the first line it does not take. Called once per connection, on the
     * thread about to read its first line.
     */
    void flush(Wire wire) {
        int written = 0;
        while (true) {
            byte[] line;
            synchronized (lock) {
                if (current != wire || phase != Phase.OPENING) {
                    break;
                }
                line = buffer.peek();
                if (line == null) {
                    phase = Phase.READY;
                    dropsReported = false;
                    break;
                }
            }
            watch.awaitsAnswer(wire);
            boolean taken = wire.write(line);
            synchronized (lock) {
                if (!taken) {
                    if (current == wire) {
                        phase = Phase.CLOSING;
                    }
                    break;
                }
                if (buffer.peek() == line && current == wire) { // finish() may have emptied it meanwhile
                    if (proven) {
                        buffer.remove(); // the server spoke while the buffer was being written
                    } else {
                        buffer.written(); // kept until the connection proves itself
                    }
                }
                // a connection gone meanwhile leaves the line at the head, for the next one
            }
            written++;
        }
        if (written > 0) {
            log.info("sent {} buffered message{} to {}", written, written > 1 ? "s" : "", wire.address());
        }
    }

    /**
     * The server sent a line on this connection.
     *
     * @return whether it is its first: what was written to it is delivered
     */
    boolean proven(Wire wire) {
        synchronized (lock) {
            if (current != wire || proven) {
                return false;
            }
            proven = true;
            buffer.delivered();
            return true;
        }
    }

    /**
     * The connection closed: what it did not prove delivered goes back to the head of the buffer.
     *
     * @return whether it had proven itself
     */
    boolean closed(Wire wire) {
        synchronized (lock) {
            if (current != wire) {
                return false;
            }
            current = null;
            phase = Phase.DISCONNECTED;
            if (!proven) {
                buffer.undelivered();
            }
            return proven;
        }
    }

    /** The conversation is over: forgets what was buffered, and refuses every line from now on. */
    void finish() {
        synchronized (lock) {
            finished = true;
            buffer.clear();
        }
    }

    /** Takes lines again, after a {@link #finish()}: the link was started again. */
    void start() {
        synchronized (lock) {
            finished = false;
        }
    }

    /** Lines kept for the next connection, in flight included. */
    int buffered() {
        synchronized (lock) {
            return buffer.size();
        }
    }

    /** Lines dropped for want of room since start-up. */
    long dropped() {
        synchronized (lock) {
            return buffer.dropped();
        }
    }
}
