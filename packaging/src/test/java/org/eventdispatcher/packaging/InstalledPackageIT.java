package org.eventdispatcher.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eventdispatcher.testing.lines.LineClient;
import org.eventdispatcher.testing.ports.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package installed into this machine with dpkg, as an operator would: the server started as
 * its unit starts it (ExecStart, JAVA_OPTS, the working directory, the eventdispatcher user; there
 * is no systemd in a container, so the test plays its part), the conversation held, the server
 * stopped by the unit's ExecStop, and the package purged. Root only: anyone else gets the static
 * checks of {@link DebianPackageIT}. Whatever happens, the package is purged at the end, and the
 * system user removed if this test made it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstalledPackageIT {

    private static final Duration DPKG = Duration.ofMinutes(10);
    private static final Duration START = Duration.ofSeconds(90);
    private static final String USER = "eventdispatcher";
    private static final Path SERVER_UNIT = Path.of("/lib/systemd/system/eventdispatcher-server.service");
    /** What postinst and the daemons make, besides the package's own files. */
    private static final List<Path> MADE_ON_THE_HOST = List.of(
            Path.of("/etc/eventdispatcher"),
            Path.of("/var/log/eventdispatcher"),
            Path.of("/var/lib/eventdispatcher"),
            Path.of("/var/cache/eventdispatcher"),
            Path.of("/run/eventdispatcher"));

    @TempDir
    static Path unpacked;

    private static boolean installedByThisTest;
    private static boolean userWasThere;
    private static Process server;

    @BeforeAll
    static void install() throws IOException {
        assumeTrue(
                "0"
                        .equals(Commands.run(Duration.ofSeconds(10), "id", "-u")
                                .output()
                                .strip()),
                "not root: the package is not installed here, only checked by dpkg-deb (DebianPackageIT)");
        assumeTrue(
                !isInstalled(),
                "the eventdispatcher package is installed on this machine already: left alone, not installed over");
        DebianPackage.unpackInto(unpacked);
        userWasThere = userExists();
        installedByThisTest = true;

        Commands.run(DPKG, "dpkg", "-i", DebianPackage.file().toString()).expectSuccess();
    }

    @AfterAll
    static void purgeWhateverHappened() {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
        }
        if (installedByThisTest && isInstalled()) {
            Commands.run(DPKG, "dpkg", "--purge", "eventdispatcher");
        }
        if (installedByThisTest && !userWasThere && userExists()) {
            Commands.run(Duration.ofSeconds(30), "userdel", USER);
        }
    }

    @Test
    @Order(1)
    void installingMakesTheSystemUserItsDirectoriesAndStartUpArchivesForThisJvm() throws IOException {
        assertThat(Commands.run(Duration.ofSeconds(10), "getent", "passwd", USER)
                        .expectSuccess())
                .contains(":/var/lib/eventdispatcher:");
        for (String directory :
                List.of("/var/log/eventdispatcher", "/var/lib/eventdispatcher", "/run/eventdispatcher")) {
            assertThat(Files.getOwner(Path.of(directory)).getName())
                    .as(directory)
                    .isEqualTo(USER);
        }
        PosixFileAttributes settings = Files.readAttributes(Path.of("/etc/eventdispatcher"), PosixFileAttributes.class);
        assertThat(settings.group().getName()).isEqualTo(USER);
        assertThat(PosixFilePermissions.toString(settings.permissions())).isEqualTo("rwxr-x---");

        Path cache = Path.of("/var/cache/eventdispatcher");
        for (String program : List.of("server-service", "client-service")) {
            assertThat(List.of(
                            cache.resolve(program + "/" + program + ".jsa"),
                            cache.resolve(program + "/" + program + ".aot")))
                    .as("the archive of " + program)
                    .anyMatch(Files::isRegularFile);
        }
        assertThat(cache.resolve("signal-cli/signal-cli.jsa")).isRegularFile();

        if (!Files.isDirectory(Path.of("/run/systemd/system"))) {
            assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/eventdispatcher-server.service"))
                    .as("no systemd running here: no unit enabled")
                    .doesNotExist();
        }
    }

    @Test
    @Order(2)
    void theServerStartedAsItsUnitSaysReadsEtcUsesTheArchiveAndStopsOnTheUnitsQuit() throws Exception {
        int port = FreePorts.tcpAndUdp();
        // the settings directory the daemons read by default: the ports come from there, not the command line
        Files.writeString(
                Path.of("/etc/eventdispatcher/server.properties"),
                "eventdispatcher.server.listen=127.0.0.1:" + port + "\n"
                        + "eventdispatcher.log-rotate.listen=127.0.0.1:" + FreePorts.tcpAndUdp() + "\n"
                        + "management.server.port=" + FreePorts.tcp() + "\n");
        Path output = Files.createDirectories(Path.of("target/packaging-logs")).resolve("installed-server.out");

        server = asTheUnitsUser(unitLine("ExecStart=").split(" "))
                .directory(new File(unitLine("WorkingDirectory=")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        await("the installed server listening on " + port)
                .atMost(START)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> isListening(port) || !server.isAlive());
        assertThat(server.isAlive())
                .as("the server runs; it said:\n%s", read(output))
                .isTrue();

        assertThat(Files.getOwner(Path.of("/proc/" + server.pid())).getName()).isEqualTo(USER);
        assertThat(Files.readString(Path.of("/proc/" + server.pid() + "/cmdline"))
                        .split("\0"))
                .as("the JVM's command line")
                .anyMatch(arg -> arg.equals(
                                "-XX:SharedArchiveFile=/var/cache/eventdispatcher/server-service/server-service.jsa")
                        || arg.equals("-XX:AOTCache=/var/cache/eventdispatcher/server-service/server-service.aot"));
        assertThat(conversation(port)).containsExactly("HI", "CLIMB", "WHO", "BYE");

        String stop = unitLine("ExecStop=").replaceFirst("^-", "").replace("127.0.0.1:3001", "127.0.0.1:" + port);
        Commands.run(Duration.ofSeconds(60), asTheUnitsUser(stop.split(" ")).command())
                .expectSuccess();
        assertThat(server.waitFor(30, TimeUnit.SECONDS))
                .as("the server ends after QUIT")
                .isTrue();
        assertThat(server.exitValue()).isZero();

        assertThat(Files.readString(Path.of("/var/log/eventdispatcher/server.log")))
                .contains("listening on 127.0.0.1:" + port)
                .contains("QUIT from 127.0.0.1");
        assertThat(read(output))
                .as("the context Spring AOT generated at build time, as in the build tree")
                .doesNotContain("starting without the context generated at build time");
    }

    @Test
    @Order(3)
    void purgingLeavesNoFileBehindButTheSystemUser() {
        Commands.run(DPKG, "dpkg", "--purge", "eventdispatcher").expectSuccess();

        assertThat(isInstalled()).isFalse();
        assertThat(DebianPackage.installedFiles(unpacked))
                .isNotEmpty()
                .noneMatch(path -> Files.exists(path, LinkOption.NOFOLLOW_LINKS));
        assertThat(MADE_ON_THE_HOST).noneMatch(path -> Files.exists(path, LinkOption.NOFOLLOW_LINKS));
        assertThat(userExists())
                .as("the system user stays, as Debian practice has it")
                .isTrue();
    }

    /** The unit's value of {@code key} ({@code ExecStart=}...), from the installed server unit. */
    private static String unitLine(String key) throws IOException {
        return Files.readAllLines(SERVER_UNIT).stream()
                .filter(line -> line.startsWith(key))
                .map(line -> line.substring(key.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + SERVER_UNIT));
    }

    /** {@code command} as the unit runs it: its user and group, its JAVA_OPTS, no JAVA_HOME (systemd sets none). */
    private static ProcessBuilder asTheUnitsUser(String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(
                "setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups", "--", "env", "-u", "JAVA_HOME"));
        line.add(unitLine("Environment=\"").replaceFirst("\"$", ""));
        line.addAll(List.of(command));
        return new ProcessBuilder(line);
    }

    private static List<String> conversation(int port) throws IOException {
        try (LineClient client = new LineClient(port)) {
            return List.of(client.readLine(), client.ask("DAD"), client.ask("TOP"), client.ask("MOM"));
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isInstalled() {
        Commands.Result status =
                Commands.run(Duration.ofSeconds(30), "dpkg-query", "-W", "-f=${Status}", "eventdispatcher");
        return status.status() == 0 && !status.output().contains("not-installed");
    }

    private static boolean userExists() {
        return Commands.run(Duration.ofSeconds(10), "getent", "passwd", USER).status() == 0;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
