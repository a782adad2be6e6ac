package org.eventdispatcher.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;

/**
 * One message per line (PROTOCOL.md a.3): lines end with {@code \n}; a {@code \r} before it is
 * dropped, so that telnet works; a line longer than the maximum ends the connection with a
 * {@link LineTooLongException} (g.5).
 *
 * <p>Reads whole lines from a {@link LineInputStream} (the connections of this package); any
 * other stream is read byte by byte, as Spring Integration's own LF deserializer does.
 */
public class LineFraming implements Serializer<byte[]>, Deserializer<byte[]> {

    /** The project's default maximum line length: 64 KiB. */
    public static final int DEFAULT_MAX_LENGTH = 64 * 1024;

    private final int maxLength;

    public LineFraming(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("the maximum line length must be at least 1, not " + maxLength);
        }
        this.maxLength = maxLength;
    }

    public int maxLength() {
        return maxLength;
    }

    @Override
    public byte[] deserialize(InputStream input) throws IOException {
        if (input instanceof LineInputStream lines) {
            return lines.readLine(maxLength);
        }
        return readByteByByte(input);
    }

    @Override
    public void serialize(byte[] line, OutputStream output) throws IOException {
        output.write(line);
        output.write('\n');
    }

    private byte[] readByteByByte(InputStream input) throws IOException {
        byte[] line = new byte[Math.min(maxLength + 1, 256)];
        int length = 0;
        while (true) {
            int next = input.read();
            if (next < 0) {
                if (length == 0) {
                    throw new PeerClosedException();
                }
                throw new TruncatedLineException(length);
            }
            if (next == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                if (length > maxLength) {
                    throw new LineTooLongException(maxLength);
                }
                return Arrays.copyOf(line, length);
            }
            if (length > maxLength) { // one more byte than allowed: room for a '\r'
                throw new LineTooLongException(maxLength);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, maxLength + 1));
            }
            line[length++] = (byte) next;
        }
    }
}
