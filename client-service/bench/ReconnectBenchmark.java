import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How quickly the client finds its server again, and how often it knocks while the server is away.
 * Plays the server itself on a loopback port, against the packaged client as a real process:
 *
 * <ol>
 * <li>server down for {@code --down-seconds} (default 120): connection attempts per minute, counted
 *     from the client's own log, and the CPU time the waiting client used;</li>
 * <li>{@code --trials} outages (default 20), each ended at a random moment in its first
 *     {@code --max-outage-seconds} (default 10): time from the server listening to the client
 *     being connected (the server's accept returning);</li>
 * <li>a full conversation, so the client ends with BYE; its exit status is checked;</li>
 * <li>with {@code --fresh-trials N}: N more clients, each a new process started before the server,
 *     which listens at a random moment in the first {@code --max-outage-seconds} after the
 *     client's first attempt; each must then complete and exit 0.</li>
 * </ol>
 *
 * <pre>java client-service/bench/ReconnectBenchmark.java [--jar client-service/target/client-service.jar]
 *      [--trials 20] [--max-outage-seconds 10] [--down-seconds 120] [--fresh-trials 0] [--seed 1]
 *      [--client-log client-service/target/reconnect-benchmark-client.log]</pre>
 *
 * <p>The client's log (connection attempts at debug level) is appended to the client log file,
 * so that a slow trial can be traced to its attempts.
 */
public class ReconnectBenchmark {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    public static void main(String[] args) throws Exception {
        String jar = option(args, "--jar", "client-service/target/client-service.jar");
        int trials = Integer.parseInt(option(args, "--trials", "20"));
        double maxOutage = Double.parseDouble(option(args, "--max-outage-seconds", "10"));
        int downSeconds = Integer.parseInt(option(args, "--down-seconds", "120"));
        int freshTrials = Integer.parseInt(option(args, "--fresh-trials", "0"));
        Path clientLog = Path.of(option(args, "--client-log", "client-service/target/reconnect-benchmark-client.log"));
        Files.createDirectories(clientLog.toAbsolutePath().getParent());
        Random random = new Random(Long.parseLong(option(args, "--seed", "1")));

        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            port = probe.getLocalPort();
        }
        System.out.printf("client: %s, server port %d, %d trials, outages up to %.1f s, down phase %d s%n",
                jar, port, trials, maxOutage, downSeconds);

        Process client = startClient(jar, port);
        AttemptLog attempts = new AttemptLog(client, clientLog);
        try {
            // 1. the server stays down
            long firstAttempt = attempts.awaitFirst(Duration.ofSeconds(120));
            long minute = TimeUnit.SECONDS.toNanos(60);
            Duration cpuAtOneMinute = null;
            long end = firstAttempt + TimeUnit.SECONDS.toNanos(downSeconds);
            while (System.nanoTime() < end) {
                if (cpuAtOneMinute == null && System.nanoTime() >= firstAttempt + minute) {
                    cpuAtOneMinute = cpu(client);
                }
                Thread.sleep(200); // the benchmark waits; the client under test must not
            }
            Duration cpuAtEnd = cpu(client);
            List<Long> times = attempts.times();
            for (int m = 0; m * 60 < downSeconds; m++) {
                long from = firstAttempt + m * minute;
                long to = Math.min(from + minute, end);
                long count = times.stream().filter(t -> t >= from && t < to).count();
                System.out.printf("server down, minute %d: %d connection attempts%n", m + 1, count);
            }
            if (cpuAtOneMinute != null) {
                System.out.printf("CPU used by the waiting client after its first minute: %.3f s over %d s%n",
                        (cpuAtEnd.toMillis() - cpuAtOneMinute.toMillis()) / 1000.0, downSeconds - 60);
            }

            // 2. outages that end at a random moment
            List<Double> latencies = new ArrayList<>();
            connectAndDrop(port); // a success: the next outage starts from the first pause
            for (int trial = 1; trial <= trials; trial++) {
                long outageStart = System.nanoTime();
                long wait = (long) (random.nextDouble() * maxOutage * 1e9);
                long listenAt = outageStart + wait;
                while (System.nanoTime() < listenAt) {
                    Thread.sleep(Math.max(1, (listenAt - System.nanoTime()) / 1_000_000));
                }
                try (ServerSocket server = listen(port)) {
                    long listening = System.nanoTime();
                    Instant listeningAt = Instant.now();
                    Socket accepted = server.accept();
                    long connected = System.nanoTime();
                    server.close(); // down again before the client can come back
                    greetAndDrop(accepted);
                    double latency = (connected - listening) / 1e9;
                    latencies.add(latency);
                    System.out.printf(Locale.ROOT, "trial %2d: listening %.3f s into the outage (at %s),"
                            + " connected %.3f s later%n", trial, (listening - outageStart) / 1e9, listeningAt, latency);
                }
            }
            Collections.sort(latencies);
            System.out.printf(Locale.ROOT, "listen -> connected over %d trials: p50 %.3f s, p95 %.3f s, max %.3f s%n",
                    latencies.size(), percentile(latencies, 50), percentile(latencies, 95),
                    latencies.get(latencies.size() - 1));

            // 3. let the client finish
            try (ServerSocket server = listen(port); Socket accepted = server.accept()) {
                accepted.setSoTimeout(20_000);
                converse(accepted);
            }
            boolean exited = client.waitFor(60, TimeUnit.SECONDS);
            System.out.println("client exit status after BYE: " + (exited ? client.exitValue() : "still running"));
        } finally {
            client.destroy();
            client.waitFor(20, TimeUnit.SECONDS);
        }
        if (freshTrials > 0) {
            freshClients(jar, port, freshTrials, maxOutage, random, clientLog);
        }
    }

    /**
     * The client started first, as a new process each time: the outage starts with its first
     * connection attempt; the server listens at a random moment after it; the client then runs the
     * whole conversation and must exit 0.
     */
    private static void freshClients(String jar, int port, int trials, double maxOutage, Random random,
            Path clientLog) throws Exception {
        List<Double> latencies = new ArrayList<>();
        int exitedZero = 0;
        for (int trial = 1; trial <= trials; trial++) {
            Process client = startClient(jar, port);
            try {
                long outageStart = new AttemptLog(client, clientLog).awaitFirst(Duration.ofSeconds(120));
                long listenAt = outageStart + (long) (random.nextDouble() * maxOutage * 1e9);
                while (System.nanoTime() < listenAt) {
                    Thread.sleep(Math.max(1, (listenAt - System.nanoTime()) / 1_000_000));
                }
                try (ServerSocket server = listen(port)) {
                    long listening = System.nanoTime();
                    try (Socket accepted = server.accept()) {
                        long connected = System.nanoTime();
                        double latency = (connected - listening) / 1e9;
                        latencies.add(latency);
                        accepted.setSoTimeout(20_000);
                        converse(accepted);
                        boolean exited = client.waitFor(60, TimeUnit.SECONDS);
                        int status = exited ? client.exitValue() : -1;
                        exitedZero += status == 0 ? 1 : 0;
                        System.out.printf(Locale.ROOT, "fresh client %2d: listening %.3f s after its first attempt,"
                                + " connected %.3f s later, exit status %d%n",
                                trial, (listening - outageStart) / 1e9, latency, status);
                    }
                }
            } finally {
                client.destroy();
                client.waitFor(20, TimeUnit.SECONDS);
            }
        }
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "client started first, listen -> connected over %d trials: p50 %.3f s,"
                + " p95 %.3f s, max %.3f s; %d of %d exited 0%n", latencies.size(), percentile(latencies, 50),
                percentile(latencies, 95), latencies.get(latencies.size() - 1), exitedZero, trials);
    }

    private static Process startClient(String jar, int port) throws IOException {
        return new ProcessBuilder("java", "-jar", jar, "--server", "127.0.0.1:" + port,
                "--management.server.port=0", "--eventdispatcher.log-rotate.listen=127.0.0.1:0",
                "--logging.level.org.eventdispatcher.tcp.client=debug")
                .redirectErrorStream(true).start();
    }

    /** One connection accepted, greeted and dropped, with the listener closed first. */
    private static void connectAndDrop(int port) throws IOException {
        try (ServerSocket server = listen(port)) {
            Socket accepted = server.accept();
            server.close();
            greetAndDrop(accepted);
        }
    }

    /**
     * As a real server that goes down right after the client came back: it greets the client, so
     * that the client knows the connection was healthy (its pauses start over, as after any real
     * outage), and closes once the client answered.
     */
    private static void greetAndDrop(Socket accepted) throws IOException {
        try (accepted) {
            accepted.setSoTimeout(20_000);
            accepted.getOutputStream().write("HI\n".getBytes(StandardCharsets.UTF_8));
            new BufferedReader(new InputStreamReader(accepted.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static void converse(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        String[][] steps = {{"HI", "DAD"}, {"CLIMB", "TOP"}, {"WHO", "MOM"}};
        for (String[] step : steps) {
            out.write((step[0] + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = in.readLine();
            if (!step[1].equals(reply)) {
                throw new IllegalStateException("expected " + step[1] + ", got " + reply);
            }
        }
        out.write("BYE\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (in.readLine() != null) {
            throw new IllegalStateException("the client should close after BYE");
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(LOOPBACK, port));
        server.setSoTimeout(60_000);
        return server;
    }

    /** Nearest rank. */
    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static Duration cpu(Process process) {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** When the client logged each failed connection attempt (its first, WARN, and the others, DEBUG). */
    private static final class AttemptLog {

        private final List<Long> times = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong first = new AtomicLong();

        AttemptLog(Process client, Path copy) {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                        PrintWriter log = new PrintWriter(Files.newBufferedWriter(copy, StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        log.println(line);
                        if (line.contains("cannot connect to") || line.matches(".*attempt \\d+ to connect to .* failed.*")) {
                            long now = System.nanoTime();
                            times.add(now);
                            first.compareAndSet(0, now);
                        }
                    }
                } catch (IOException e) {
                    // the client ended
                }
            }, "client-log");
            reader.setDaemon(true);
            reader.start();
        }

        long awaitFirst(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (first.get() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the client made no connection attempt");
                }
                Thread.sleep(50);
            }
            return first.get();
        }

        List<Long> times() {
            synchronized (times) {
                return List.copyOf(times);
            }
        }
    }
}
