package org.eventdispatcher.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the tests start each program: on free loopback ports, without any host configuration. */
final class Daemons {

    /** A Spring Boot daemon's start on a loaded 2-core machine can take a while. */
    static final Duration START = Duration.ofSeconds(90);

    private Daemons() {}

    /** The server on {@code port}, its log-rotate listener on {@code udpPort}; waits until it listens. */
    static DaemonProcess server(Processes processes, int port, int udpPort, String... extra) {
        return server(processes, Processes.SERVER, port, udpPort, extra);
    }

    /** The same, started by {@code program}: a launcher, or a jar to run with {@code java -jar}. */
    static DaemonProcess server(Processes processes, Path program, int port, int udpPort, String... extra) {
        return server(processes, program, List.of(), port, udpPort, extra);
    }

    /** The same, with these JVM options too ({@code JAVA_OPTS} for a launcher). */
    static DaemonProcess server(
            Processes processes, Path program, List<String> jvmOptions, int port, int udpPort, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--listen",
                LoopbackPorts.HOST + ":" + port,
                "--log-rotate-listen",
                LoopbackPorts.HOST + ":" + udpPort,
                "--eventdispatcher.config-dir=/dev/null"));
        args.addAll(List.of(extra));
        if (args.stream().noneMatch(arg -> arg.startsWith("--management.server.port="))) {
            args.add("--management.server.port=" + LoopbackPorts.free());
        }
        DaemonProcess server = processes.start("server", program, args, jvmOptions);
        await("server listening on " + port)
                .atMost(START)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> LoopbackPorts.isListening(port) || !server.isAlive());
        if (!server.isAlive()) {
            throw new AssertionError("the server exited at start:\n" + String.join("\n", server.output()));
        }
        return server;
    }

    /** A client of the server on {@code port}; returns at once. */
    static DaemonProcess client(Processes processes, String name, int port, String... extra) {
        List<String> args = new ArrayList<>(
                List.of("--server", LoopbackPorts.HOST + ":" + port, "--eventdispatcher.config-dir=/dev/null"));
        args.addAll(List.of(extra));
        if (!args.contains("--log-rotate-listen")) {
            args.addAll(List.of("--log-rotate-listen", LoopbackPorts.HOST + ":0"));
        }
        if (args.stream().noneMatch(arg -> arg.startsWith("--management.server.port="))) {
            args.add("--management.server.port=0");
        }
        return processes.start(name, Processes.CLIENT, args);
    }

    /**
     * The JVM options a systemd unit of config/systemd gives its daemon ({@code JAVA_OPTS}), so a
     * test runs it as an installed daemon runs.
     */
    static List<String> unitJavaOptions(String unit) {
        Path file = Processes.ROOT.resolve("config/systemd").resolve(unit);
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher options = UNIT_JAVA_OPTS.matcher(line.trim());
                if (options.matches()) {
                    return List.of(options.group(1).trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no JAVA_OPTS in " + file);
    }

    private static final Pattern UNIT_JAVA_OPTS = Pattern.compile("Environment=\"?JAVA_OPTS=([^\"]*)\"?");

    /** signal-cli with these arguments; returns its exit status. */
    static int signal(Processes processes, String... args) {
        DaemonProcess signal = processes.start("signal-cli", Processes.SIGNAL, List.of(args));
        return signal.awaitExit(Duration.ofSeconds(60));
    }
}
