package org.eventdispatcher.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eventdispatcher.signal.ScriptedTcpDaemon.AfterLine;
import org.eventdispatcher.testing.ports.FreePorts;
import org.junit.jupiter.api.Test;

/**
 * The packaged tool as users run it: the launcher script and {@code java -jar}, as processes,
 * against daemons written here. Runs after {@code package} (failsafe), from the module directory.
 */
class PackagedCommandIT {

    private static final Path LAUNCHER = Path.of("signal-cli").toAbsolutePath();
    private static final Path JAR = Path.of("target", "signal-cli.jar").toAbsolutePath();
    private static final Path ARCHIVE = Path.of("target", "signal-cli.jsa").toAbsolutePath();
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void launcherStopsADaemonOverTcp() throws Exception {
        try (ScriptedTcpDaemon daemon = ScriptedTcpDaemon.closingAfterLine()) {
            Run run = launcher("--server", daemon.address(), "--type", "tcp", "--message", "QUIT");

            assertThat(run.exitCode()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(daemon.nextReceived()).isEqualTo("<" + SenderName.localServer() + ":signal_cli QUIT\n");
        }
    }

    @Test
    void launcherSendsADatagram() throws Exception {
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(10_000);
            Run run = launcher(
                    "--server", "127.0.0.1:" + listener.getLocalPort(), "--type", "udp", "--secret", "S", "LOG_ROTATE");

            assertThat(run.exitCode()).isZero();
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            listener.receive(packet);
            assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
                    .isEqualTo("<" + SenderName.localServer() + ":signal_cli LOG_ROTATE secret_code=S");
        }
    }

    @Test
    void javaJarPrintsTheAnswerAloneOnStdout() throws Exception {
        try (ScriptedTcpDaemon daemon =
                ScriptedTcpDaemon.scripted(true, "COMMANDS list=DAD,QUIT", AfterLine.CLOSE_AFTER_PEER)) {
            Run run = run(List.of(JAVA, "-jar", JAR.toString(), "--server", daemon.address(), "--reply", "HELP"));

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo("COMMANDS list=DAD,QUIT\n");
        }
    }

    @Test
    void badInputAndUnreachableDaemonHaveDistinctExitCodes() throws Exception {
        int closedPort = FreePorts.tcp();
        Run refused = launcher("--server", "127.0.0.1:" + closedPort, "QUIT");
        Run invalid = launcher("--server", "127.0.0.1:" + closedPort, "QUIT a=\"1");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err())
                .isEqualTo("signal-cli: cannot connect to 127.0.0.1:" + closedPort + " over TCP: connection refused\n");
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err()).startsWith("signal-cli: invalid message \"QUIT a=\"1\": UNTERMINATED_QUOTE");
    }

    @Test
    void classDataArchiveMatchesTheJarAndThisJvm() throws Exception {
        assumeThat(ARCHIVE).as("built without -Dsignal-cli.class-data.skip").exists();
        // -Xshare:on makes the JVM fail instead of quietly starting without the archive
        Run run = run(
                List.of(JAVA, "-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:on", "-jar", JAR.toString(), "--version"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("signal-cli ");
    }

    private static Run launcher(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        return run(command);
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        assertThat(JAR).exists();
        Path out = Files.createTempFile("signal-cli", ".out");
        Path err = Files.createTempFile("signal-cli", ".err");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 30 s: " + command);
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private record Run(int exitCode, String out, String err) {}
}
