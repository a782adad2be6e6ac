package org.eventdispatcher.testing.broker;

import java.io.DataInputStream;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eventdispatcher.testing.ports.FreePorts;

/**
 * A RabbitMQ node of the tests' own: the installed {@code rabbitmq-server} run in the foreground, on
 * free loopback ports (AMQP and Erlang distribution), with its data, logs, plugins file (no plugins)
 * and feature-flags file in one temporary directory and no config file. It is ready when it answers the
 * AMQP protocol header with {@code Connection.Start}.
 *
 * <p>{@link #shared()} is one node per JVM (a test suite), stopped when the JVM exits; a test that
 * stops or restarts the broker {@link #start() starts} one of its own and closes it. A shutdown hook
 * stops every node this JVM started; should the JVM die without running it (killed), a small watchdog
 * process per node, which waits for the JVM's end of a pipe to close, stops the node instead.
 *
 * <p>As root, Debian's wrapper runs the node (and {@code rabbitmqctl}) as the {@code rabbitmq} user, so
 * that user is given the directory. Any other user runs the scripts that wrapper calls
 * ({@link #SCRIPTS}), which the wrapper itself refuses to do for them, with the node's directory as
 * its home: the Erlang cookie that {@code rabbitmqctl} and the node share is made there.
 */
public final class RabbitNode implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(30);
    private static final Duration KILL_WITHIN = Duration.ofSeconds(10);
    private static final byte[] AMQP_0_9_1 = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
    private static final int TAIL_LINES = 40;
    private static final String USER = "guest";
    /** Where Debian's wrapper ({@code /usr/sbin/rabbitmq-server}) finds RabbitMQ's own scripts. */
    private static final Path SCRIPTS = Path.of("/usr/lib/rabbitmq/bin");

    /**
     * Run beside each node with the JVM's pipe as stdin ($1: the node's process, $2: its pid file): once
     * the pipe closes (the node was stopped, or the JVM is gone) it stops the node if it still runs.
     */
    private static final String WATCHDOG = """
            trap '' INT HUP
            cat >/dev/null
            n=0
            while kill -0 "$1" 2>/dev/null; do
                if [ -s "$2" ]; then
                    if [ "$n" -lt 30 ]; then kill -TERM "$(cat "$2")"; else kill -KILL "$(cat "$2")"; fi 2>/dev/null
                fi
                n=$((n + 1))
                sleep 1
            done
            """;

    private static final AtomicInteger NODES = new AtomicInteger();
    private static final List<RabbitNode> OPEN = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    private static RabbitNode shared;

    private final Path directory;
    private final String nodeName;
    private final int amqpPort;
    private final int distributionPort;
    private Process process;
    private Process watchdog;
    private boolean closed;

    private RabbitNode(Path directory) {
        this.directory = directory;
        this.nodeName = "ed-test-" + ProcessHandle.current().pid() + "-" + NODES.incrementAndGet() + "@localhost";
        this.amqpPort = FreePorts.tcp();
        int dist = FreePorts.tcp();
        while (dist == amqpPort) {
            dist = FreePorts.tcp();
        }
        this.distributionPort = dist;
    }

    /** One node per JVM (a test suite = one surefire/failsafe JVM), started on first use, stopped when the JVM exits (shutdown hook). Thread-safe. */
    public static synchronized RabbitNode shared() {
        if (shared == null || shared.isClosed()) {
            shared = start();
        } else if (!shared.isRunning()) {
            shared.restart(); // a test stopped it: back on the same port
        }
        return shared;
    }

    /** A node of its own (for a test that restarts or stops the broker), running; the caller closes it. */
    public static RabbitNode start() {
        Path executable = executable();
        if (executable == null) {
            throw new IllegalStateException("rabbitmq-server is not installed (apt-get install rabbitmq-server)");
        }
        hookOnce();
        RabbitNode node;
        try {
            node = new RabbitNode(Files.createTempDirectory("ed-rabbit-"));
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for a RabbitMQ node", e);
        }
        OPEN.add(node);
        try {
            node.boot();
        } catch (RuntimeException e) {
            node.close(); // the exception carries the log's tail
            throw e;
        }
        return node;
    }

    /** True where rabbitmq-server can be run (found on PATH or /usr/sbin). */
    public static boolean available() {
        return executable() != null;
    }

    public int amqpPort() {
        return amqpPort;
    }

    public String host() {
        return FreePorts.HOST;
    }

    /** With the default user, which RabbitMQ lets in from loopback only. */
    public String uri() {
        return "amqp://" + USER + ":" + USER + "@" + host() + ":" + amqpPort + "/";
    }

    /** Spring Boot arguments that point a daemon at this node. */
    public List<String> springArguments() {
        return List.of(
                "--spring.rabbitmq.host=" + host(),
                "--spring.rabbitmq.port=" + amqpPort,
                "--spring.rabbitmq.username=" + USER,
                "--spring.rabbitmq.password=" + USER);
    }

    /** Stops the node; its directory and ports stay, so that {@link #restart()} brings back its durable queues. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            if (process.isAlive()) {
                if (!rabbitmqctlStop() || !process.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                    terminate();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminate();
        } finally {
            endWatchdog();
            process = null;
        }
    }

    /** {@link #stop()}, then starts it again on the same port and directory; returns once it answers AMQP again. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("node " + nodeName + " is closed");
        }
        stop();
        boot();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The node's main log (RabbitMQ logs to its standard output here), with its start-up output and rabbitmqctl's. */
    public Path logFile() {
        return directory.resolve("node.log");
    }

    /** Stops the node and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            OPEN.remove(this);
            delete(directory);
        }
    }

    @Override
    public String toString() {
        return "RabbitMQ node " + nodeName + " on " + host() + ":" + amqpPort + " (" + directory + ")";
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void boot() {
        long start = System.nanoTime();
        try {
            Files.createDirectories(directory.resolve("mnesia"));
            Files.createDirectories(directory.resolve("log"));
            Files.writeString(directory.resolve("plugins"), "[].");
            if (isRoot()) {
                // Debian's wrapper switches to the rabbitmq user, which must be able to write here
                run(List.of("chown", "-R", "rabbitmq:rabbitmq", directory.toString()), Duration.ofSeconds(30));
            }
            ProcessBuilder builder =
                    new ProcessBuilder(script("rabbitmq-server").toString());
            environment(builder.environment());
            builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            process = builder.start();
            watchdog = new ProcessBuilder(
                            "/bin/sh",
                            "-c",
                            WATCHDOG,
                            "rabbit-node-watchdog",
                            Long.toString(process.pid()),
                            directory.resolve("pid").toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("could not start rabbitmq-server: " + e.getMessage() + "\n" + tail(), e);
        }
        awaitReady();
        System.err.printf(
                "[RabbitNode] %s on %s:%d started in %d ms, directory %s%n",
                nodeName, host(), amqpPort, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), directory);
    }

    private void environment(Map<String, String> environment) {
        if (!isRoot()) {
            environment.put("HOME", directory.toString()); // the Erlang cookie, for the node and rabbitmqctl
        }
        environment.put("RABBITMQ_NODENAME", nodeName);
        environment.put("RABBITMQ_NODE_IP_ADDRESS", host());
        environment.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
        environment.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
        // the distribution port on loopback too (the AMQP listener already is)
        environment.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        environment.put("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString());
        environment.put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
        environment.put("RABBITMQ_LOGS", "-"); // the main log on standard output, that is logFile()
        environment.put(
                "RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("plugins").toString());
        environment.put(
                "RABBITMQ_FEATURE_FLAGS_FILE",
                directory.resolve("feature_flags").toString());
        environment.put("RABBITMQ_PID_FILE", directory.resolve("pid").toString());
        // no file of the machine's: none of these exists
        environment.put("RABBITMQ_CONFIG_FILE", directory.resolve("none").toString());
        environment.put(
                "RABBITMQ_ADVANCED_CONFIG_FILE",
                directory.resolve("none-advanced.config").toString());
        environment.put(
                "RABBITMQ_CONF_ENV_FILE", directory.resolve("none-env.conf").toString());
    }

    /** Polls with short pauses until the node answers AMQP: a fixture's wait, not a test's synchronisation. */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (true) {
            if (!process.isAlive()) {
                int status = process.exitValue();
                stop();
                throw new IllegalStateException("rabbitmq-server (" + nodeName + ", port " + amqpPort
                        + ") exited with status " + status + " while starting; " + tail());
            }
            if (answersAmqp()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                stop();
                throw new IllegalStateException("rabbitmq-server (" + nodeName + ") did not answer AMQP on port "
                        + amqpPort + " within " + READY_WITHIN.toSeconds() + " s; " + tail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for " + this, e);
            }
        }
    }

    /** Sends the protocol header; a node that has booted answers with a method frame on channel 0: Connection.Start (10, 10). */
    private boolean answersAmqp() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), amqpPort), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(AMQP_0_9_1);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type = in.readUnsignedByte();
            int channel = in.readUnsignedShort();
            in.readInt(); // payload size
            return type == 1 && channel == 0 && in.readUnsignedShort() == 10 && in.readUnsignedShort() == 10;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code rabbitmqctl stop} says the node stops; if not, {@link #terminate()} follows. */
    private boolean rabbitmqctlStop() {
        Path ctl = script("rabbitmqctl");
        if (!Files.isExecutable(ctl)) {
            return false;
        }
        ProcessBuilder builder = new ProcessBuilder(ctl.toString(), "-n", nodeName, "stop");
        environment(builder.environment());
        builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        try {
            Process stopping = builder.start();
            if (!stopping.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(stopping);
                return false;
            }
            return stopping.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM to the Erlang VM (RabbitMQ stops cleanly on it), then the whole process tree by force. */
    private void terminate() {
        try {
            Path pidFile = directory.resolve("pid");
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                        .ifPresent(ProcessHandle::destroy);
                if (process.waitFor(KILL_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // by force, below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        destroyTree(process);
    }

    private void endWatchdog() {
        if (watchdog == null) {
            return;
        }
        try {
            watchdog.getOutputStream().close(); // it looks once more, finds the node gone, and exits
            if (!watchdog.waitFor(KILL_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(watchdog);
            }
        } catch (IOException e) {
            destroyTree(watchdog);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree(watchdog);
        } finally {
            watchdog = null;
        }
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the node's log (and of RabbitMQ's own log directory), for a failure message. */
    private String tail() {
        List<Path> logs = new ArrayList<>(List.of(logFile()));
        try (Stream<Path> files = Files.list(directory.resolve("log"))) {
            files.filter(Files::isRegularFile).sorted().forEach(logs::add);
        } catch (IOException e) {
            // none yet
        }
        StringBuilder text = new StringBuilder("last lines of its logs:");
        for (Path log : logs) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                text.append("\n== ").append(log);
                lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
                        .forEach(line -> text.append('\n').append(line));
            } catch (IOException | UncheckedIOException e) {
                // not written
            }
        }
        return text.toString();
    }

    private static void hookOnce() {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(RabbitNode::closeAll, "rabbit-node-shutdown"));
        }
    }

    /** The shutdown hook: closes every node (in parallel: surefire halts a JVM that takes 30 s to exit), then epmd. */
    private static void closeAll() {
        try {
            List<Thread> closing = new ArrayList<>();
            for (RabbitNode node : OPEN) {
                Thread thread = new Thread(
                        () -> {
                            try {
                                node.close();
                            } catch (RuntimeException e) {
                                // never throw from a shutdown hook
                            }
                        },
                        "rabbit-node-close");
                thread.start();
                closing.add(thread);
            }
            for (Thread thread : closing) {
                thread.join(STOP_WITHIN.toMillis());
            }
            if (OPEN.stream().noneMatch(RabbitNode::isRunning)) {
                // the Erlang port mapper our nodes started outlives them; it refuses to stop while any node
                // (another JVM's too) is registered
                run(List.of("epmd", "-kill"), Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            // best effort
        }
    }

    private static void run(List<String> command, Duration within) throws IOException {
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!child.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(child);
                throw new IOException(
                        String.join(" ", command) + " did not finish within " + within.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree(child);
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        if (child.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with status " + child.exitValue());
        }
    }

    private boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(directory, "unix:uid")); // we just made it
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory: the system cleans it in the end
        }
    }

    /**
     * A RabbitMQ script: through Debian's wrapper as root, RabbitMQ's own otherwise (the wrapper runs
     * a node only for root, and for the {@code rabbitmq} user with its output in /var/log).
     */
    private Path script(String name) {
        Path own = SCRIPTS.resolve(name);
        return !isRoot() && Files.isExecutable(own) ? own : executable().resolveSibling(name);
    }

    private static Path executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : (path + ":/usr/sbin").split(":")) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, "rabbitmq-server");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
