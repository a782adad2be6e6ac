package org.eventdispatcher.tcp.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First in the pipeline: a connection beyond {@link ConnectionSlots#max()} is closed before
 * anyone hears of it. An admitted one gives its slot back when its channel closes, whatever
 * closes it and whatever fails on the way.
 */
@ChannelHandler.Sharable
final class ConnectionLimit extends ChannelInboundHandlerAdapter {

    private final ConnectionSlots slots;

    ConnectionLimit(ConnectionSlots slots) {
        this.slots = slots;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        if (!slots.tryAcquire()) {
            slots.refused(NettyTcpConnection.peerAddress(channel));
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> slots.release());
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }
}
