package org.eventdispatcher.bench.baseline;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The yardstick for the real server: the example conversation (HI on accept, DAD→CLIMB,
 * TOP→WHO, MOM→BYE, anything else {@code UNKNOWN command=X}) on plain JDK NIO, with nothing
 * a framework adds. Benchmarks report the real server as a ratio to this one.
 *
 * <pre>java -cp bench/target/bench.jar org.eventdispatcher.bench.baseline.BaselineServer --listen 127.0.0.1:4001 [--selectors 2]</pre>
 *
 * The main thread blocks in accept and hands each connection, round robin, to one of the
 * selector threads; an idle server therefore sleeps in the kernel and uses no CPU.
 */
public final class BaselineServer implements AutoCloseable {

    private static final int ACCEPT_BACKLOG = 4096;

    private final ServerSocketChannel server;
    private final ConversationLoop[] loops;

    private BaselineServer(ServerSocketChannel server, ConversationLoop[] loops) {
        this.server = server;
        this.loops = loops;
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 4001);
        int selectors = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--listen" -> listen = parseAddress(valueAfter(args, i++));
                case "--selectors" -> selectors = Integer.parseInt(valueAfter(args, i++));
                case "--help", "-h" -> {
                    System.out.println("usage: BaselineServer [--listen 127.0.0.1:4001] [--selectors 2]");
                    return;
                }
                default -> fail("unknown option " + args[i]);
            }
        }
        if (selectors < 1) {
            fail("--selectors must be at least 1");
        }
        try (BaselineServer server = open(listen, selectors)) {
            System.out.println("baseline server listening on " + server.server.getLocalAddress()
                    + " with " + selectors + " selector thread(s)");
            server.acceptUntilClosed();
        }
    }

    /** Binds and starts the selector threads; connections are taken once {@link #acceptUntilClosed()} runs. */
    static BaselineServer open(InetSocketAddress listen, int selectorCount) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(listen, ACCEPT_BACKLOG);
            ConversationLoop[] loops = new ConversationLoop[selectorCount];
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new ConversationLoop();
                Thread thread = new Thread(loops[i], "baseline-selector-" + i);
                thread.setDaemon(true);
                thread.start();
            }
            return new BaselineServer(server, loops);
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    /** Opens the server and accepts on a daemon thread until {@link #close()}: for tests and embedding. */
    public static BaselineServer startInBackground(InetSocketAddress listen, int selectorCount) throws IOException {
        BaselineServer server = open(listen, selectorCount);
        Thread acceptor = new Thread(() -> {
            try {
                server.acceptUntilClosed();
            } catch (IOException e) {
                System.err.println("baseline server stopped accepting: " + e);
            }
        }, "baseline-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** The bound port, useful when listening on port 0. */
    public int port() {
        return server.socket().getLocalPort();
    }

    /** Blocks in accept, handing connections round robin to the selector threads, until closed. */
    void acceptUntilClosed() throws IOException {
        long accepted = 0;
        try {
            while (true) {
                SocketChannel channel = server.accept();
                loops[(int) (accepted++ % loops.length)].adopt(channel);
            }
        } catch (ClosedChannelException closed) {
            // close() was called: a normal end
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (ConversationLoop loop : loops) {
            loop.close();
        }
    }

    static InetSocketAddress parseAddress(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            fail("expected host:port, got " + hostPort);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static String valueAfter(String[] args, int i) {
        if (i + 1 >= args.length) {
            fail(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static void fail(String message) {
        System.err.println("BaselineServer: " + message);
        System.exit(2);
    }
}
