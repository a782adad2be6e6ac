package org.eventdispatcher.tcp.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
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

    /**
     * The server channel of Unix-domain stream sockets: epoll's alone (the JDK's own lacks the
     * peer's credentials).
     *
     * @throws IllegalStateException saying why there is none: epoll absent, or not wanted
     */
    public Class<? extends ServerChannel> domainServerChannel() {
        if (name.equals("epoll")) {
            return EpollServerDomainSocketChannel.class;
        }
        throw new IllegalStateException("a unix: address needs Netty's native epoll transport (Linux), and "
                + (Epoll.isAvailable()
                        ? "eventdispatcher.server.native-transport is false"
                        : "epoll is not available here: " + Epoll.unavailabilityCause()));
    }

    public EventLoopGroup eventLoops(int threads, String namePrefix) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(namePrefix, true), ioHandlers);
    }
}
