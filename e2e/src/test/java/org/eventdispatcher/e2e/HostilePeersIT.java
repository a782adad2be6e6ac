package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged daemons, on their default limits, while hostile and broken peers do what one message,
 * one datagram or one stalled socket can: a hundred clean clients keep conversing and every
 * conversation completes; the peers that hold on are closed by the server itself (its open
 * connections come back to 0 while the test still holds their sockets); no datagram stops a daemon;
 * neither daemon, run with its systemd unit's JVM options, grows past 512 MiB.
 */
class HostilePeersIT {

    private static final int CLEAN_CLIENTS = 100;
    private static final int CONVERSATIONS_EACH = 3;
    /** Loopback addresses of the attackers, apart from the clean clients' 127.0.0.1. */
    private static final String FLOODER = "127.0.0.2";

    private static final String STALLER = "127.0.0.3";
    /** Past the default max-connections-per-address (1 000). */
    private static final int FLOOD = 1_100;

    private static final long MAX_RSS_BYTES = 512L << 20;

    @RegisterExtension
    final Processes processes = new Processes();

    /** Every attacker's socket, closed only once the test ends: the server must close them itself. */
    private final List<AutoCloseable> held = new CopyOnWriteArrayList<>();
    /** The flood's sockets, which the test closes before counting the server's open connections. */
    private final List<Socket> flood = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeHeldSockets() throws Exception {
        for (AutoCloseable socket : held) {
            socket.close();
        }
    }

    @Test
    void everyConversationCompletesWhileHostilePeersDoTheirWorst() throws Exception {
        int port = LoopbackPorts.free();
        int serverUdp = LoopbackPorts.free();
        int management = LoopbackPorts.free();
        // as installed: the systemd unit's JVM options (its heap bound among them)
        DaemonProcess server = Daemons.server(
                processes,
                Processes.SERVER,
                Daemons.unitJavaOptions("eventdispatcher-server.service"),
                port,
                serverUdp,
                "--management.server.port=" + management);
        int clientUdp = LoopbackPorts.free();
        DaemonProcess client = Daemons.client(
                processes,
                "looping-client",
                port,
                "--conversations",
                "0",
                "--log-rotate-listen",
                LoopbackPorts.HOST + ":" + clientUdp);
        client.awaitLine("listening for LOG_ROTATE on udp 127\\.0\\.0\\.1:" + clientUdp, Daemons.START);

        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            List<Future<String>> attacks = new ArrayList<>();
            attacks.add(pool.submit(() -> flood(port)));
            for (int i = 0; i < 10; i++) {
                attacks.add(pool.submit(() -> slowloris(port)));
                attacks.add(pool.submit(() -> halfCloseAndNeverRead(port)));
                attacks.add(pool.submit(() -> stopReading(port)));
            }
            attacks.add(pool.submit(() -> answers(port, "binary garbage", garbage(), "INVALID message=")));
            attacks.add(pool.submit(() ->
                    answers(port, "an oversize line", "X".repeat(70_000) + "\n", "INVALID message=LINE_TOO_LONG")));
            attacks.add(pool.submit(() -> answers(
                    port,
                    "a line of 7 000 parameters, in reverse order",
                    parameters(7_000),
                    "INVALID message=TOO_MANY_PARAMETERS")));
            attacks.add(pool.submit(() -> answers(port, "900 parameters in reverse order", parameters(900), "CLIMB")));
            attacks.add(pool.submit(() -> datagram(serverUdp, "QUIT")));
            attacks.add(pool.submit(() -> datagram(clientUdp, "BYE")));

            List<Future<List<List<String>>>> clean = new ArrayList<>();
            for (int i = 0; i < CLEAN_CLIENTS; i++) {
                clean.add(pool.submit(() -> {
                    List<List<String>> heard = new ArrayList<>();
                    for (int n = 0; n < CONVERSATIONS_EACH; n++) {
                        heard.add(Conversations.run(port));
                    }
                    return heard;
                }));
            }
            for (Future<List<List<String>>> conversations : clean) {
                assertThat(conversations.get(3, TimeUnit.MINUTES))
                        .hasSize(CONVERSATIONS_EACH)
                        .allSatisfy(heard -> assertThat(heard).isEqualTo(Conversations.EXPECTED));
            }
            for (Future<String> attack : attacks) {
                assertThat(attack.get(2, TimeUnit.MINUTES))
                        .as("what the attack saw")
                        .doesNotStartWith("failed");
            }
        } finally {
            pool.shutdownNow();
        }
        closeFlood();

        await("the server closed every hostile connection itself")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> openConnections(management) == 0);
        assertThat(server.isAlive()).as("server alive").isTrue();
        assertThat(client.isAlive()).as("client alive after a BYE datagram").isTrue();
        assertThat(rss(server)).as("server RSS").isLessThan(MAX_RSS_BYTES);
        assertThat(rss(client)).as("client RSS").isLessThan(MAX_RSS_BYTES);
    }

    /** Connections from one address past its cap are refused; the clean clients, from another, are not. */
    private String flood(int port) throws IOException {
        for (int i = 0; i < FLOOD; i++) {
            Socket socket = new Socket();
            flood.add(socket);
            held.add(socket);
            socket.bind(new InetSocketAddress(FLOODER, 0));
            socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 5_000);
        }
        int refused = 0;
        for (Socket socket : flood) {
            socket.setSoTimeout(10_000);
            try {
                if (socket.getInputStream().read() < 0) {
                    refused++;
                }
            } catch (SocketException reset) {
                refused++;
            }
        }
        assertThat(refused).as("connections refused past the per-address cap").isGreaterThanOrEqualTo(FLOOD - 1_000);
        return "flood: " + refused + " refused";
    }

    private void closeFlood() throws IOException {
        for (Socket socket : flood) {
            socket.close();
        }
    }

    /** Half a line, then a byte now and then, for ever: the line deadline ends it. */
    private String slowloris(int port) throws IOException {
        LineClient peer = new LineClient(STALLER, port);
        held.add(peer);
        assertThat(peer.readLine()).isEqualTo("HI");
        peer.write("D");
        peer.socket().setSoTimeout(1_000); // a byte a second
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                String answer = peer.readLine();
                return answer != null && answer.startsWith("INVALID message=LINE_TIMEOUT")
                        ? "slowloris: " + answer
                        : "failed: a slowloris heard " + answer;
            } catch (SocketTimeoutException quiet) {
                peer.write("A");
            }
        }
        return "failed: a slowloris was not closed within a minute";
    }

    /** Asks for many replies, half-closes, and never reads one: the close is bounded all the same. */
    private String halfCloseAndNeverRead(int port) throws IOException {
        SocketChannel channel = stalledChannel(port);
        if (!send(channel, "ALIVE\n".repeat(50_000))) {
            return "half-close: dropped before the end of its requests";
        }
        channel.shutdownOutput();
        return "half-closed";
    }

    /** Asks for more replies than any buffer holds, and never reads them. */
    private String stopReading(int port) throws IOException {
        return send(stalledChannel(port), "HELP\n".repeat(200_000)) ? "stopped reading" : "stopped reading: dropped";
    }

    /** A blocking channel from the stalling address that takes little of what it is sent. */
    private SocketChannel stalledChannel(int port) throws IOException {
        SocketChannel channel = SocketChannel.open();
        held.add(channel);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        channel.bind(new InetSocketAddress(STALLER, 0));
        channel.connect(new InetSocketAddress(LoopbackPorts.HOST, port));
        return channel;
    }

    /** Writes it all (blocking while the server does not read); false when the server closed first. */
    private static boolean send(SocketChannel channel, String text) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** A line, answered as the spec says. */
    private String answers(int port, String what, String line, String expected) throws IOException {
        try (LineClient peer = new LineClient(port)) {
            assertThat(peer.readLine()).isEqualTo("HI");
            peer.write(line);
            String answer = peer.readLine();
            assertThat(answer).as("the answer to " + what).startsWith(expected);
            return what + ": " + answer;
        }
    }

    private String datagram(int udpPort, String message) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(LoopbackPorts.HOST), udpPort));
        }
        return "sent " + message + " to udp " + udpPort;
    }

    private static String garbage() {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                bytes[i] = 0;
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1) + "\n";
    }

    /** {@code DAD p07000=1;p06999=1;...}: names in descending order, the parser's worst case once. */
    private static String parameters(int count) {
        StringBuilder line = new StringBuilder("DAD ");
        for (int n = count; n > 0; n--) {
            line.append(n == count ? "" : ";").append(String.format("p%05d=1", n));
        }
        return line.append('\n').toString();
    }

    private static long openConnections(int management) {
        Matcher open = Pattern.compile(
                        "eventdispatcher_connections_open\\{side=\"server\",transport=\"tcp\"} ([0-9.]+)")
                .matcher(Management.get(management, "/actuator/prometheus"));
        return open.find() ? (long) Double.parseDouble(open.group(1)) : -1;
    }

    private static long rss(DaemonProcess daemon) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + daemon.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new AssertionError("no VmRSS for " + daemon);
    }
}
