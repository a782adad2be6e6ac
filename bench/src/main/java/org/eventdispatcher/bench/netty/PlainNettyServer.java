package org.eventdispatcher.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The transport's own ceiling: the example conversation (HI on accept, DAD→CLIMB, TOP→WHO,
 * MOM→BYE, anything else {@code UNKNOWN command=X}) on Netty's native epoll transport alone, with
 * the socket options and the reply gathering of server-service, and nothing of Spring. Where it
 * falls short of the plain-JDK {@code BaselineServer}, no server on Netty can reach the baseline.
 *
 * <pre>java -cp bench/target/bench.jar org.eventdispatcher.bench.netty.PlainNettyServer --listen 127.0.0.1:4001 [--loops 2] [--reuseport]</pre>
 *
 * With {@code --reuseport} every event loop has a listening socket of its own on the port
 * (SO_REUSEPORT) and serves what it accepts, as the baseline's selectors do; without it one
 * socket accepts and hands each connection to the next loop, as Netty's bootstrap does by default.
 *
 * <p>With {@code --handler-threads cached|virtual|N} each connection's lines are handled, in
 * order, on a shared pool's thread ({@link HandedOffConversation}): a cached pool of platform
 * threads ({@code Executors.newCachedThreadPool}), a virtual thread per drain (Java 21+), or a
 * fixed pool of N. It is what Netty alone reaches with a thread crossing per line, beside which
 * server-service's {@code threading=thread-per-connection} is measured.
 */
public final class PlainNettyServer {

    static final byte[] HI = line("HI");

    private PlainNettyServer() {}

    public static void main(String[] args) throws InterruptedException {
        InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 4001);
        int loopCount = 2;
        boolean reusePort = false;
        Executor handlerThreads = null;
        String handlerThreadKind = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--listen" -> listen = address(args[++i]);
                case "--loops" -> loopCount = Integer.parseInt(args[++i]);
                case "--reuseport" -> reusePort = true;
                case "--handler-threads" -> {
                    handlerThreadKind = args[++i];
                    handlerThreads = handlerThreads(handlerThreadKind);
                }
                default -> {
                    System.err.println("usage: PlainNettyServer [--listen 127.0.0.1:4001] [--loops 2] [--reuseport]"
                            + " [--handler-threads cached|virtual|N]");
                    System.exit(2);
                }
            }
        }
        Epoll.ensureAvailability();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(
                loopCount, new DefaultThreadFactory("netty", true), EpollIoHandler.newFactory());
        List<Channel> listeners = new ArrayList<>();
        if (reusePort) {
            int port = listen.getPort();
            for (int i = 0; i < loopCount; i++) {
                EventLoop loop = loops.next();
                Channel listener = bootstrap(loop, loop, handlerThreads)
                        .option(EpollChannelOption.SO_REUSEPORT, true)
                        .bind(listen.getAddress(), port)
                        .sync()
                        .channel();
                port = ((InetSocketAddress) listener.localAddress()).getPort();
                listeners.add(listener);
            }
        } else {
            listeners.add(
                    bootstrap(loops, loops, handlerThreads).bind(listen).sync().channel());
        }
        System.out.println("plain Netty server listening on " + listeners.get(0).localAddress() + " with " + loopCount
                + " event loop(s)" + (reusePort ? ", a listening socket each" : "")
                + (handlerThreads != null ? ", handlers on " + handlerThreadKind + " threads" : ""));
        for (Channel listener : listeners) {
            listener.closeFuture().sync();
        }
    }

    /** The pool each connection's queue borrows a thread from; shared by every connection. */
    private static Executor handlerThreads(String kind) {
        ThreadFactory daemons = new DefaultThreadFactory("handler", true);
        return switch (kind) {
            case "cached" -> Executors.newCachedThreadPool(daemons);
            case "virtual" -> virtualThreads();
            default -> Executors.newFixedThreadPool(Integer.parseInt(kind), daemons);
        };
    }

    /** Executors.newVirtualThreadPerTaskExecutor(), found at run time: this is built for Java 17. */
    private static Executor virtualThreads() {
        try {
            return (Executor)
                    Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need Java 21 or later", e);
        }
    }

    private static ServerBootstrap bootstrap(
            EventLoopGroup accepting, EventLoopGroup serving, Executor handlerThreads) {
        return new ServerBootstrap()
                .group(accepting, serving)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(
                                        new LineBasedFrameDecoder(16 * 1024),
                                        handlerThreads != null
                                                ? new HandedOffConversation(handlerThreads)
                                                : new Conversation());
                    }
                });
    }

    /** Answers each line; the replies to one read go out in one write. */
    private static final class Conversation extends ChannelInboundHandlerAdapter {

        private ByteBuf replies;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(ctx.alloc().ioBuffer(HI.length).writeBytes(HI), ctx.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ByteBuf line = (ByteBuf) message;
            try {
                if (replies == null) {
                    replies = ctx.alloc().ioBuffer(256);
                }
                replies.writeBytes(answer(line.toString(StandardCharsets.UTF_8).strip()));
            } finally {
                line.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (replies != null) {
                ctx.writeAndFlush(replies, ctx.voidPromise());
                replies = null;
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            ctx.close(); // the peer closed its side: every line it sent is answered
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (replies != null) {
                replies.release();
                replies = null;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    static byte[] answer(String command) {
        return switch (command) {
            case "DAD" -> line("CLIMB");
            case "TOP" -> line("WHO");
            case "MOM" -> line("BYE");
            default -> line("UNKNOWN command=" + command);
        };
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
