package org.eventdispatcher.tcp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.eventdispatcher.protocol.transport.LineAssembler;
import org.eventdispatcher.protocol.transport.LineRules;
import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * The client's framing, by the same {@link LineRules} as the server's: lines end with {@code \n},
 * a {@code \r} before it is dropped, a line longer than the maximum ends the connection. Writes
 * each message followed by {@code \n}.
 */
public class LineFraming extends AbstractByteArraySerializer {

    public LineFraming(int maxLength) {
        setMaxMessageSize(maxLength);
    }

    /** The next line; a stream that ends between lines ends softly, one that ends inside a line does not. */
    @Override
    public byte[] deserialize(InputStream in) throws IOException {
        LineAssembler lines = new LineAssembler(getMaxMessageSize());
        while (true) {
            int next = in.read();
            if (next < 0) {
                if (lines.pending() == 0) {
                    throw new SoftEndOfStreamException("Stream closed between payloads");
                }
                throw new IOException("the stream ended inside a line, " + lines.pending() + " bytes cut off");
            }
            byte[] line = lines.add((byte) next);
            if (line != null) {
                return line;
            }
        }
    }

    @Override
    public void serialize(byte[] line, OutputStream out) throws IOException {
        out.write(line);
        out.write(LineRules.TERMINATOR);
    }
}
