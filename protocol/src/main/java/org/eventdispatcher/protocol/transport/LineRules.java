package org.eventdispatcher.protocol.transport;

/**
 * How messages are framed on a stream (PROTOCOL.md a.3, g.5): one message per line, ended by
 * {@code \n}; a {@code \r} just before it is dropped (telnet sends one); a line holds at most
 * {@link #DEFAULT_MAX_LENGTH} bytes unless configured otherwise, its {@code \r} not counted. The
 * server, the client and signal-cli all cut lines by these rules.
 */
public final class LineRules {

    public static final byte TERMINATOR = '\n';
    /** Dropped when it comes just before the terminator. */
    public static final byte CARRIAGE_RETURN = '\r';
    /** The longest line, in bytes without its terminator, that a peer accepts by default: 64 KiB. */
    public static final int DEFAULT_MAX_LENGTH = 64 * 1024;
    /** {@link #DEFAULT_MAX_LENGTH} as Spring Boot writes a data size. */
    public static final String DEFAULT_MAX_LENGTH_TEXT = "64KB";

    private LineRules() {}

    /**
     * Bytes that may wait for a terminator before the line is known to be too long: a line of
     * the maximum may still be followed by its {@code \r}.
     */
    public static int maxPending(int maxLength) {
        return maxLength + 1;
    }
}
