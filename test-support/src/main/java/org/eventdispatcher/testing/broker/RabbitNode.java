package org.eventdispatcher.testing.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.eventdispatcher.testing.ports.FreePorts;

/**
 * A RabbitMQ node of a test's own: Debian's {@code rabbitmq-server} run in the foreground, on free
 * loopback ports, with its data and logs in a temporary directory, no plugins and no config file.
 * It is ready when it answers the AMQP protocol header with {@code Connection.Start}.
 *
 * <p>{@link #shared()} is one node per JVM (a test suite), stopped when the JVM exits; a test that
 * stops or restarts the broker {@link #start() starts} its own. As root, Debian's wrapper runs the
 * node as the {@code rabbitmq} user, so that user is given the directory.
 */
public final class RabbitNode implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(30);
    private static final byte[] AMQP_0_9_1 = { 'A', 'M', 'Q', 'P', 0, 0, 9, 1 };
    private static final AtomicInteger NODES = new AtomicInteger();
    private static final List<RabbitNode> STARTED = new CopyOnWriteArrayList<>();
    private static RabbitNode shared;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(RabbitNode::stopAll, "rabbit-node-stop"));
    }

    private final Path directory;
    private final String nodeName;
    private final int amqpPort;
    private final int distributionPort;
    private Process process;

    private RabbitNode(Path directory) {
        this.directory = directory;
        this.nodeName = "ed-test-" + ProcessHandle.current().pid() + "-" + NODES.incrementAndGet() + "@localhost";
        this.amqpPort = FreePorts.tcp();
        this.distributionPort = FreePorts.tcp();
    }

    /** The node of this JVM, started on first use, stopped when the JVM exits. */
    public static synchronized RabbitNode shared() {
        if (shared == null || !shared.isRunning()) {
            shared = start();
        }
        return shared;
    }

    /** A node of the caller's own, running; the caller closes it. */
    public static RabbitNode start() {
        if (!available()) {
            throw new IllegalStateException("rabbitmq-server is not installed (apt-get install rabbitmq-server)");
        }
        try {
            RabbitNode node = new RabbitNode(Files.createTempDirectory("rabbit-node-"));
            STARTED.add(node);
            node.run();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code rabbitmq-server} can be run here. */
    public static boolean available() {
        return executable() != null;
    }

    public String host() {
        return FreePorts.HOST;
    }

    public int amqpPort() {
        return amqpPort;
    }

    /** The default user, which RabbitMQ lets in from loopback only. */
    public String uri() {
        return "amqp://guest:guest@" + host() + ":" + amqpPort + "/";
    }

    /** The Spring Boot arguments that point a daemon at this node. */
    public List<String> springArguments() {
        return List.of("--spring.rabbitmq.host=" + host(), "--spring.rabbitmq.port=" + amqpPort,
                "--spring.rabbitmq.username=guest", "--spring.rabbitmq.password=guest");
    }

    public Path logFile() {
        return directory.resolve("stdout.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the node; its directory and ports stay, so that {@link #restart()} brings back its durable queues. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            Path pidFile = directory.resolve("pid");
            if (Files.exists(pidFile)) {
                long beam = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(beam).ifPresent(ProcessHandle::destroy); // SIGTERM: RabbitMQ stops cleanly
            } else {
                process.destroy();
            }
            if (!process.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException | NumberFormatException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    /** Stops the node and starts it again on the same port, with the same data; returns once it serves again. */
    public synchronized void restart() {
        stop();
        run();
    }

    /** Stops the node and deletes its directory. */
    @Override
    public synchronized void close() {
        stop();
        STARTED.remove(this);
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it in the end
        }
    }

    private synchronized void run() {
        long start = System.nanoTime();
        try {
            Files.createDirectories(directory.resolve("mnesia"));
            Files.createDirectories(directory.resolve("log"));
            Files.writeString(directory.resolve("plugins"), "[].");
            if (isRoot()) {
                // Debian's wrapper runs the node as the rabbitmq user: it must be able to write here
                new ProcessBuilder("chown", "-R", "rabbitmq:rabbitmq", directory.toString()).inheritIO().start().waitFor();
            }
            ProcessBuilder builder = new ProcessBuilder(executable().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            Map<String, String> environment = builder.environment();
            environment.put("RABBITMQ_NODE_IP_ADDRESS", host());
            environment.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
            environment.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
            environment.put("RABBITMQ_NODENAME", nodeName);
            environment.put("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString());
            environment.put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
            environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("plugins").toString());
            environment.put("RABBITMQ_FEATURE_FLAGS_FILE", directory.resolve("feature_flags").toString());
            environment.put("RABBITMQ_PID_FILE", directory.resolve("pid").toString());
            environment.put("RABBITMQ_CONFIG_FILE", directory.resolve("none").toString());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start rabbitmq-server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting rabbitmq-server", e);
        }
        awaitReady();
        System.err.printf("RabbitMQ node %s on %s:%d ready in %d ms (%s)%n", nodeName, host(), amqpPort,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), directory);
    }

    /** Polls with short pauses until the node answers AMQP: a fixture's wait, not a test's synchronisation. */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rabbitmq-server exited with status " + process.exitValue()
                        + " at start:\n" + tail());
            }
            if (answersAmqp()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for RabbitMQ", e);
            }
        }
        stop();
        throw new IllegalStateException("RabbitMQ did not answer on port " + amqpPort + " within " + READY_WITHIN
                + ":\n" + tail());
    }

    /** Sends the protocol header; a booted node answers with a method frame (Connection.Start). */
    private boolean answersAmqp() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), amqpPort), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(AMQP_0_9_1);
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read() == 1;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines the node wrote, for a failure message. */
    private String tail() {
        List<String> lines = new ArrayList<>();
        for (Path log : List.of(logFile(), directory.resolve("log").resolve(nodeName + ".log"))) {
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                lines.add("== " + log);
                lines.addAll(all.subList(Math.max(0, all.size() - 40), all.size()));
            } catch (IOException e) {
                // not written (yet)
            }
        }
        return String.join("\n", lines);
    }

    private static void stopAll() {
        for (RabbitNode node : STARTED) {
            try {
                node.close();
            } catch (RuntimeException e) {
                // never throw from a shutdown hook
            }
        }
        try {
            // the Erlang port mapper the nodes started outlives them
            if (STARTED.isEmpty()) {
                new ProcessBuilder("epmd", "-kill").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path executable() {
        for (String directory : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, "rabbitmq-server");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
