package org.eventdispatcher.connection;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * One message per line (PROTOCOL.md a.3): lines end with {@code \n}; a {@code \r} before it is
 * dropped, so that telnet works; a line longer than the maximum is a {@link LineTooLongException}
 * (g.5), and so is a {@link io.netty.handler.codec.TooLongFrameException} from Netty's decoder;
 * bytes left without a line feed when the peer closes its side are a {@link TruncatedLineException}.
 */
final class LineDecoder extends LineBasedFrameDecoder {

    private final int maxLength;

    LineDecoder(int maxLength) {
        // one byte more for Netty: a line of exactly the maximum may wait for its "\n" after its "\r"
        super(maxLength + 1, true, true);
        this.maxLength = maxLength;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        Object frame = super.decode(ctx, buffer);
        if (frame instanceof ByteBuf line && line.readableBytes() > maxLength) {
            line.release();
            throw new LineTooLongException(maxLength);
        }
        return frame;
    }

    /** The peer closed its side: every whole line is decoded by now; what is left is cut off. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        super.decodeLast(ctx, buffer, out);
        if (buffer.isReadable()) {
            int dropped = buffer.readableBytes();
            buffer.skipBytes(dropped);
            throw new TruncatedLineException(dropped);
        }
    }
}
