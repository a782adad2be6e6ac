package org.eventdispatcher.tcp.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty's native epoll transport where it loads (Linux on x86-64), its NIO transport elsewhere
 * or when the native one is not wanted.
 */
public record IoTransport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel) {

    private static final Logger log = LoggerFactory.getLogger(IoTransport.class);

    /** @param preferNative false: NIO even where epoll loads */
    public static IoTransport choose(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new IoTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new IoTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    /**
     * One line at start: which transport serves, and why not epoll when it was wanted. Its own
     * logger, so that daemons which quiet the factory's (Spring Integration's lifecycle lines) keep it.
     */
    public void logChoice(boolean nativeWanted, int eventLoops) {
        if (nativeWanted && !name.equals("epoll")) {
            log.info(
                    "TCP transport: {}, {} event loop(s); epoll is not available: {}",
                    name,
                    eventLoops,
                    Epoll.unavailabilityCause());
        } else {
            log.info("TCP transport: {}, {} event loop(s)", name, eventLoops);
        }
    }

    public EventLoopGroup eventLoops(int threads, String namePrefix) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(namePrefix, true), ioHandlers);
    }
}
