package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clean conversations keep completing while other peers send the server everything it must survive. */
class BadInputIT {

    private static final int ROUNDS = 5;

    @RegisterExtension
    final Processes processes = new Processes();

    private final List<Socket> held = new ArrayList<>();

    @Test
    void everyCleanConversationCompletesDuringABarrage() throws Exception {
        int port = LoopbackPorts.free();
        DaemonProcess server = Daemons.server(processes, port, LoopbackPorts.free());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> barrage = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                int seed = round;
                barrage.add(pool.submit(task(() -> oversize(port))));
                barrage.add(pool.submit(task(() -> garbage(port, seed))));
                barrage.add(pool.submit(task(() -> reset(port))));
                barrage.add(pool.submit(task(() -> hold(port, ""))));
                barrage.add(pool.submit(task(() -> hold(port, "DA"))));
                barrage.add(pool.submit(task(() -> neverRead(port))));
            }
            List<Future<List<List<String>>>> clean = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clean.add(pool.submit(() -> {
                    List<List<String>> heard = new ArrayList<>();
                    for (int n = 0; n < 25; n++) {
                        heard.add(Conversations.run(port));
                    }
                    return heard;
                }));
            }
            for (Future<List<List<String>>> conversations : clean) {
                assertThat(conversations.get(3, TimeUnit.MINUTES)).hasSize(25).allSatisfy(heard -> assertThat(heard)
                        .isEqualTo(Conversations.EXPECTED));
            }
            for (Future<?> bad : barrage) {
                bad.get(3, TimeUnit.MINUTES); // the bad peers themselves never hang the test
            }
            assertThat(Conversations.run(port)).isEqualTo(Conversations.EXPECTED);
            assertThat(server.isAlive()).isTrue();
        } finally {
            pool.shutdownNow();
            synchronized (held) {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    private interface SocketWork {
        void run() throws IOException;
    }

    private static Callable<Void> task(SocketWork work) {
        return () -> {
            try {
                work.run();
            } catch (IOException expected) {
                // the server may close a bad peer at any point: that is its right
            }
            return null;
        };
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 5_000);
        socket.setSoTimeout(15_000);
        return socket;
    }

    /** 200 KiB without a line feed: over the 64 KiB limit; the server closes this connection. */
    private static void oversize(int port) throws IOException {
        try (Socket socket = connect(port)) {
            byte[] chunk = "A".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 25; i++) {
                out.write(chunk);
            }
            out.flush();
            drain(socket.getInputStream());
        }
    }

    /** Random bytes, NUL and invalid UTF-8 included, in lines. */
    private static void garbage(int port, int seed) throws IOException {
        Random random = new Random(seed);
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            for (int line = 0; line < 50; line++) {
                byte[] bytes = new byte[1 + random.nextInt(300)];
                random.nextBytes(bytes);
                out.write(bytes);
                out.write('\n');
            }
            out.flush();
            socket.shutdownOutput();
            drain(socket.getInputStream());
        }
    }

    /** A request, then a reset (RST) instead of a clean close. */
    private static void reset(int port) throws IOException {
        Socket socket = connect(port);
        socket.getOutputStream().write("DAD\nTOP\n".getBytes(StandardCharsets.US_ASCII));
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Connects, sends {@code partial} (maybe nothing, maybe half a line), and stays silent. */
    private void hold(int port, String partial) throws IOException {
        Socket socket = connect(port);
        socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
        synchronized (held) {
            held.add(socket);
        }
    }

    /** Pipelines requests and never reads the answers. */
    private void neverRead(int port) throws IOException {
        Socket socket = connect(port);
        synchronized (held) {
            held.add(socket);
        }
        byte[] requests = "DAD\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(requests, 0, requests.length);
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        while (in.read(buffer) >= 0) {
            // read until the server closes
        }
    }
}
