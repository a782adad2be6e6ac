package org.eventdispatcher.bench.baseline;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * The yardstick for the real server: the example conversation (HI on accept, DAD→CLIMB,
 * TOP→WHO, MOM→BYE, anything else {@code UNKNOWN command=X}) on plain JDK NIO, with nothing
 * a framework adds. Benchmarks report the real server as a ratio to this one.
 *
 * <pre>java -cp bench/target/bench.jar org.eventdispatcher.bench.baseline.BaselineServer --listen 127.0.0.1:4001 [--selectors 2]</pre>
 *
 * Each selector thread has its own listening socket on the same port (SO_REUSEPORT), so the
 * kernel spreads new connections over the threads and no connection is handed from one thread
 * to another. An idle server sleeps in the kernel and uses no CPU.
 */
public final class BaselineServer implements AutoCloseable {

    private static final int ACCEPT_BACKLOG = 4096;

    private final ConversationLoop[] loops;
    private final Thread[] threads;
    private final int port;

    private BaselineServer(ConversationLoop[] loops, int port) {
        this.loops = loops;
        this.port = port;
        this.threads = new Thread[loops.length];
        for (int i = 0; i < loops.length; i++) {
            threads[i] = new Thread(loops[i], "baseline-selector-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
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
        BaselineServer server = start(listen, selectors);
        System.out.println("baseline server listening on " + listen.getHostString() + ":" + server.port() + " with "
                + selectors + " selector thread(s)");
        server.awaitClosed();
    }

    /** Binds one listening socket per selector thread and starts the threads. */
    public static BaselineServer start(InetSocketAddress listen, int selectorCount) throws IOException {
        ConversationLoop[] loops = new ConversationLoop[selectorCount];
        int port = listen.getPort();
        try {
            for (int i = 0; i < selectorCount; i++) {
                ServerSocketChannel listener = ServerSocketChannel.open();
                try {
                    if (selectorCount > 1) {
                        listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                    }
                    // the first bind may pick a free port; the others share whichever it got
                    listener.bind(new InetSocketAddress(listen.getAddress(), port), ACCEPT_BACKLOG);
                    port = listener.socket().getLocalPort();
                    loops[i] = new ConversationLoop(listener);
                } catch (IOException | UnsupportedOperationException e) {
                    listener.close();
                    throw e;
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            for (ConversationLoop loop : loops) {
                if (loop != null) {
                    loop.closeUnstarted();
                }
            }
            throw e;
        }
        return new BaselineServer(loops, port);
    }

    /** The bound port, useful when listening on port 0. */
    public int port() {
        return port;
    }

    /** Blocks until {@link #close()}; the selector threads do all the work. */
    public void awaitClosed() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    @Override
    public void close() {
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
