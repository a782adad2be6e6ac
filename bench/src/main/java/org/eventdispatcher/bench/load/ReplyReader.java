package org.eventdispatcher.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads reply lines from a blocking socket and checks each against the line the conversation
 * expects. Bytes are compared in place: no strings are made unless something is wrong.
 * The socket's read timeout bounds every wait.
 */
final class ReplyReader {

    private final byte[] buffer = new byte[1024];
    private InputStream in;
    private int start;
    private int end;

    /** Starts over on another connection, reusing the buffer. */
    ReplyReader on(InputStream input) {
        this.in = input;
        this.start = 0;
        this.end = 0;
        return this;
    }

    /** @param line the expected line including its {@code \n} */
    void expect(byte[] line) throws IOException {
        int newline;
        while ((newline = indexOfNewline()) < 0) {
            fill(line);
        }
        int next = newline + 1;
        if (!Arrays.equals(buffer, start, next, line, 0, line.length)) {
            throw new UnexpectedReplyException(
                    "expected " + text(line, 0, line.length) + ", got " + text(buffer, start, next));
        }
        start = next;
    }

    private void fill(byte[] expected) throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            throw new UnexpectedReplyException("expected " + text(expected, 0, expected.length)
                    + ", got a line longer than " + buffer.length + " bytes");
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            throw new EOFException(
                    "connection closed by the server while waiting for " + text(expected, 0, expected.length));
        }
        end += read;
    }

    private int indexOfNewline() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static String text(byte[] bytes, int from, int to) {
        String line = new String(bytes, from, Math.min(to - from, 80), StandardCharsets.UTF_8);
        return '"' + line.replace("\n", "\\n") + '"';
    }
}
