package org.eventdispatcher.tcp.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.eventdispatcher.protocol.transport.LineRules;
import org.eventdispatcher.protocol.transport.LineTooLongException;

/**
 * One message per line, cut by the {@link LineRules}: lines end with {@code \n}; a {@code \r}
 * before it is dropped, so that telnet works; a line longer than the maximum is a
 * {@link LineTooLongException}; bytes left without a line feed when the peer closes its side are a
 * {@link TruncatedLineException}.
 *
 * <p>Netty's {@code LineBasedFrameDecoder} cuts the same lines, as slices of the read buffer,
 * each retained and released; the dispatcher wants each line as bytes of its own, so they are
 * copied out here at once (measured in BENCHMARKS.md).
 */
public final class LineDecoder extends ByteToMessageDecoder {

    private final int maxLength;
    /** Bytes after the reader index already searched for a line feed. */
    private int searched;

    public LineDecoder(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws LineTooLongException {
        int start = buffer.readerIndex();
        int lineFeed = buffer.indexOf(start + searched, buffer.writerIndex(), LineRules.TERMINATOR);
        if (lineFeed < 0) {
            searched = buffer.readableBytes();
            if (searched > LineRules.maxPending(maxLength)) {
                buffer.skipBytes(searched);
                searched = 0;
                throw new LineTooLongException(maxLength);
            }
            return;
        }
        searched = 0;
        int length = lineFeed - start;
        if (length > 0 && buffer.getByte(lineFeed - 1) == LineRules.CARRIAGE_RETURN) {
            length--;
        }
        if (length > maxLength) {
            buffer.readerIndex(lineFeed + 1);
            throw new LineTooLongException(maxLength);
        }
        byte[] line = new byte[length];
        buffer.readBytes(line);
        buffer.readerIndex(lineFeed + 1);
        out.add(line);
    }

    /**
     * True when the last read ended in the middle of a line. On the event loop, at the end of each
     * read: with a thread per connection, the value goes to the handlers' thread with the read's lines.
     */
    public boolean hasPartialLine() {
        return searched > 0;
    }

    /** The peer closed its side: every whole line is decoded by now; what is left is cut off. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        super.decodeLast(ctx, buffer, out);
        if (buffer.isReadable()) {
            int dropped = buffer.readableBytes();
            buffer.skipBytes(dropped);
            searched = 0;
            throw new TruncatedLineException(dropped);
        }
    }
}
