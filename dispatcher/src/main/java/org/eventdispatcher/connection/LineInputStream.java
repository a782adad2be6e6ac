package org.eventdispatcher.connection;

import java.io.IOException;
import java.io.InputStream;

/**
 * A socket's input, buffered, that hands out whole lines: one {@code read} system call brings in
 * as many lines as the peer has sent, where Spring Integration's LF deserializer would read the
 * raw socket one byte per call. The framing is {@link LineBuffer}'s, as on the event loops.
 *
 * <p>Just before it would block waiting for the peer, it runs a hook: the connection uses it to
 * flush the replies to everything read so far, so that replies to a burst of requests go out in
 * one write. Used by one reader thread.
 */
final class LineInputStream extends InputStream {

    /** Hook run before a read that may block; may throw to end the connection. */
    @FunctionalInterface
    interface BeforeBlockingRead {
        void run() throws IOException;
    }

    private final InputStream socket;
    private final BeforeBlockingRead beforeBlockingRead;
    private final LineBuffer buffer = new LineBuffer();

    LineInputStream(InputStream socket, BeforeBlockingRead beforeBlockingRead) {
        this.socket = socket;
        this.beforeBlockingRead = beforeBlockingRead;
    }

    /** Bytes read from the socket and not yet handed out. */
    int buffered() {
        return buffer.buffered();
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
        while (true) {
            byte[] line = buffer.nextLine(maxLength);
            if (line != null) {
                return line;
            }
            if (fill(maxLength) < 0) {
                int partial = buffer.discard();
                if (partial == 0) {
                    throw new PeerClosedException();
                }
                throw new TruncatedLineException(partial);
            }
        }
    }

    /** Reads what the socket has, after the hook; -1 at end of stream. */
    private int fill(int maxLength) throws IOException {
        beforeBlockingRead.run();
        return buffer.readFrom(socket, maxLength);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (buffer.buffered() == 0 && fill(LineFraming.DEFAULT_MAX_LENGTH) < 0) {
            return -1;
        }
        return buffer.take(target, offset, length);
    }

    @Override
    public int available() throws IOException {
        return buffer.buffered() + socket.available();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
