package org.eventdispatcher.tcp.server.listener;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import org.eventdispatcher.protocol.transport.Endpoint;
import org.eventdispatcher.protocol.transport.HostPort;
import org.eventdispatcher.protocol.transport.UnixPath;
import org.eventdispatcher.tcp.netty.IoTransport;
import org.jspecify.annotations.Nullable;

/**
 * Binds and closes a listener's server channel: TCP with its socket options, or a Unix-domain
 * socket with its file's care around the bind (a stale file replaced first, the mode and group
 * after, the file removed at close).
 */
public final class ListenerChannels {

    private ListenerChannels() {}

    /**
     * @param bootstrap what every listener shares (event loops, options, the pipeline): the
     *                  channel and its transport's options are added here
     * @throws IOException           naming why it cannot listen: the address taken ({@link BindException}),
     *                               a file in the way, a group that does not exist
     * @throws IllegalStateException for a Unix socket where epoll is not used
     */
    public static Channel bind(Listener listener, ServerBootstrap bootstrap, IoTransport transport, Duration timeout)
            throws IOException {
        SocketAddress address;
        if (listener.address().address() instanceof UnixPath unix) {
            bootstrap.channel(transport.domainServerChannel());
            UnixSocketFile.claim(unix);
            address = new DomainSocketAddress(unix.path());
        } else {
            bootstrap
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true) // a peer lost to a crash or a NAT is found out
                    .childOption(ChannelOption.TCP_NODELAY, true); // replies are already batched: no Nagle delay
            address = ((HostPort) listener.address().address()).toSocketAddress();
        }
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw asIoException(bound.cause());
        }
        Channel channel = bound.channel();
        if (listener.address().address() instanceof UnixPath unix) {
            try {
                UnixSocketFile.restrict(unix, listener.unix());
            } catch (IOException | RuntimeException e) {
                close(listener, channel, timeout);
                throw e;
            }
        }
        return channel;
    }

    /** Stops accepting on it; a Unix socket's file goes. */
    public static void close(Listener listener, Channel channel, Duration timeout) {
        channel.close().awaitUninterruptibly(timeout.toMillis());
        if (listener.address().address() instanceof UnixPath unix) {
            UnixSocketFile.remove(unix);
        }
    }

    /** Where it listens: a TCP listener's port once bound (port 0 picks one). */
    public static Endpoint boundAddress(Listener listener, @Nullable Channel channel) {
        Endpoint address = listener.address().address();
        if (channel != null
                && address instanceof HostPort tcp
                && channel.localAddress() instanceof InetSocketAddress local) {
            return new HostPort(tcp.host(), local.getPort());
        }
        return address;
    }

    /** Netty's native transport reports a taken address as a plain I/O error: named as the JDK does. */
    private static IOException asIoException(Throwable cause) {
        if (cause instanceof BindException bind) {
            return bind;
        }
        IOException failure = cause.getMessage() != null && cause.getMessage().contains("Address already in use")
                ? new BindException("Address already in use")
                : new IOException(cause.getMessage(), cause);
        failure.setStackTrace(cause.getStackTrace());
        return failure;
    }
}
