package org.eventdispatcher.autoconfigure.layering;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Consumer;
import org.springframework.integration.core.GenericHandler;
import org.springframework.messaging.MessageHandler;

/**
 * A deliberate violation, for LayeringTest alone: wiring that handles the lines itself, in a lambda
 * (as a flow's {@code handle(String.class, (line, headers) -> ...)} does) and in an inner class.
 */
public final class ConfigurationWithADataPath {

    private ConfigurationWithADataPath() {}

    public static GenericHandler<String> lineHandler(Consumer<String> receiver) {
        return (line, headers) -> {
            receiver.accept(line.trim());
            return null;
        };
    }

    public static MessageHandler messageHandler(Consumer<Object> receiver) {
        return message -> receiver.accept(message.getPayload());
    }

    public static ChannelInboundHandler pipelineHandler(Consumer<Object> receiver) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext context, Object line) {
                receiver.accept(line);
            }
        };
    }
}
