package org.eventdispatcher.signal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.eventdispatcher.protocol.transport.LineAssembler;
import org.eventdispatcher.protocol.transport.LineRules;
import org.eventdispatcher.protocol.transport.LineTooLongException;

/**
 * Reads lines from a daemon's connection until one deadline, so that however the daemon trickles its bytes the
 * whole wait never exceeds the timeout the user gave. Lines are cut by the daemons' own
 * {@link LineRules}, at their default maximum: a peer that never sends a line feed cannot fill the
 * heap.
 */
final class LineReader {

    private final DaemonConnection connection;
    private final long deadline;
    private final byte[] buffer = new byte[8192];
    private final LineAssembler lines = new LineAssembler(LineRules.DEFAULT_MAX_LENGTH);
    private int position;
    private int limit;

    LineReader(DaemonConnection connection, long deadlineNanos) {
        this.connection = connection;
        this.deadline = deadlineNanos;
    }

    /**
     * The next line without its terminator ({@code \n} or {@code \r\n}); the last bytes of a peer
     * that closed without a terminator are a line too; null when the peer closed the connection.
     *
     * @throws SocketTimeoutException when the deadline passes first
     * @throws LineTooLongException when the peer sends a line longer than the maximum
     */
    String readLine() throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                return lines.pending() == 0 ? null : decode(lines.takePending());
            }
            byte[] line = lines.add(buffer[position++]);
            if (line != null) {
                return decode(line);
            }
        }
    }

    private boolean fill() throws IOException {
        int read = connection.read(buffer, deadline);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private static String decode(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }
}
