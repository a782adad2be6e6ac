package org.eventdispatcher.bench.baseline;

import java.io.IOException;
import java.net.InetSocketAddress;
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
public final class BaselineServer {

    private static final int ACCEPT_BACKLOG = 4096;

    private BaselineServer() {
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
        serve(listen, selectors);
    }

    private static void serve(InetSocketAddress listen, int selectorCount) throws IOException {
        ConversationLoop[] loops = new ConversationLoop[selectorCount];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new ConversationLoop();
            Thread thread = new Thread(loops[i], "baseline-selector-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(listen, ACCEPT_BACKLOG);
            System.out.println("baseline server listening on " + server.getLocalAddress()
                    + " with " + selectorCount + " selector thread(s)");
            long accepted = 0;
            while (true) {
                SocketChannel channel = server.accept();
                loops[(int) (accepted++ % loops.length)].adopt(channel);
            }
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
