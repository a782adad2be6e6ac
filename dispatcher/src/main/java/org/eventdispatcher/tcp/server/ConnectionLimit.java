package org.eventdispatcher.tcp.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.eventdispatcher.protocol.transport.HostPort;
import org.jspecify.annotations.Nullable;

/**
 * First in the pipeline, before TLS: a connection beyond {@link ConnectionSlots#max()}, or beyond
 * {@link ConnectionSlots#maxPerAddress()} from its address, is closed before anyone hears of it;
 * a TLS handshake holds its slot like any connection. An admitted one gives its slot back when
 * its channel closes, whatever closes it and whatever fails on the way.
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
        InetAddress address = address(channel);
        ConnectionSlots.Refusal refusal = slots.tryAcquire(address);
        if (refusal != null) {
            slots.refused(peerAddress(channel), refusal);
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> slots.release(address));
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }

    private static @Nullable InetAddress address(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** {@code host:port} of the peer at the other end of a channel, as every line about a peer writes it. */
    static String peerAddress(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? new HostPort(inet.getAddress().getHostAddress(), inet.getPort()).toString()
                : String.valueOf(channel.remoteAddress());
    }
}
