package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's launcher (server-service/server-service), as users start the daemon: it runs the
 * class-data archive made at package time when this very JVM made it, and the plain jar otherwise,
 * never failing for want of an archive; either way with the context Spring AOT generated, unless the
 * configuration needs other beans. Every other e2e test starts the daemons through their
 * launchers too; one start here is plain {@code java -jar}.
 */
class LauncherIT {

    private static final Path MODULE = Processes.SERVER.getParent();

    @RegisterExtension
    final Processes processes = new Processes();

    @TempDir
    Path installed;

    @Test
    void theLauncherMapsTheArchiveThisJvmMade() {
        DaemonProcess server = Daemons.server(processes, LoopbackPorts.free(), LoopbackPorts.free());

        assertThat(server.commandLine())
                .as("the JVM's command line")
                .anyMatch(arg -> arg.startsWith("-XX:SharedArchiveFile=" + MODULE.resolve("target/cds"))
                        || arg.startsWith("-XX:AOTCache=" + MODULE.resolve("target/cds")))
                .contains(MODULE.resolve("target/cds/server-service.jar").toString());
    }

    @Test
    void theLauncherStartsWithTheContextSpringAotGeneratedAtBuildTime() {
        DaemonProcess server = Daemons.server(
                processes,
                LoopbackPorts.free(),
                LoopbackPorts.free(),
                "--logging.level.org.eventdispatcher.daemon=debug");

        assertThat(server.commandLine()).contains("-Dspring.aot.enabled=true");
        server.awaitLine("starting with the context generated at build time", Daemons.START);
    }

    /** The generated context has the log-rotate listener; a run that turns it off must not get it. */
    @Test
    void aConfigurationTheBuildDidNotSeeStartsTheOrdinaryContextWhichHonoursIt() {
        int port = LoopbackPorts.free();
        DaemonProcess server =
                Daemons.server(processes, port, LoopbackPorts.free(), "--eventdispatcher.log-rotate.enabled=false");

        server.awaitLine("listening on 127\\.0\\.0\\.1:" + port, Daemons.START);
        assertThat(server.output())
                .anyMatch(
                        line -> line.contains(
                                "starting without the context generated at build time, as the configuration"
                                        + " differs from the build's: eventdispatcher.log-rotate.enabled is false here, true at build time"))
                .noneMatch(line -> line.contains("listening for LOG_ROTATE"));
    }

    @Test
    void withoutItsArchiveTheLauncherRunsThePlainJar() throws IOException {
        Path launcher = install(false);

        DaemonProcess server = Daemons.server(processes, launcher, LoopbackPorts.free(), LoopbackPorts.free());

        assertPlainJar(server);
    }

    @Test
    void anArchiveAnotherJvmMadeIsLeftAloneAndThePlainJarRuns() throws IOException {
        Path launcher = install(true);
        Path record = installed.resolve("target/cds/server-service.jsa.jvm");
        Files.writeString(
                record, Files.readString(record).replaceAll("(?m)^(\\s*java\\.home = ).*$", "$1/opt/another-jdk"));

        DaemonProcess server = Daemons.server(processes, launcher, LoopbackPorts.free(), LoopbackPorts.free());

        assertPlainJar(server);
    }

    @Test
    void thePlainJarStartsWithJavaDashJar() {
        int port = LoopbackPorts.free();
        DaemonProcess server = Daemons.server(processes, Processes.SERVER_JAR, port, LoopbackPorts.free());

        assertThat(server.awaitLine("listening on 127\\.0\\.0\\.1:" + port, Daemons.START))
                .contains("ready in");
    }

    private void assertPlainJar(DaemonProcess server) {
        assertThat(server.commandLine())
                .as("the JVM's command line")
                .noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile") || arg.startsWith("-XX:AOTCache"))
                .containsSubsequence(
                        "-jar", installed.resolve("target/server-service.jar").toString());
    }

    /**
     * The launcher and the jar copied elsewhere, as an install would have them; with the JDK 17–24
     * archive, its jar and libraries and the record of the JVM that made it, newer than the jar.
     */
    private Path install(boolean withArchive) throws IOException {
        Path launcher = installed.resolve("server-service");
        Files.copy(Processes.SERVER, launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(installed.resolve("target"));
        Path jar = installed.resolve("target/server-service.jar");
        Files.copy(Processes.SERVER_JAR, jar);
        if (withArchive) {
            Path cds = MODULE.resolve("target/cds");
            Path copy = Files.createDirectories(installed.resolve("target/cds/lib"));
            try (Stream<Path> libraries = Files.list(cds.resolve("lib"))) {
                for (Path library : libraries.toList()) {
                    Files.copy(library, copy.resolve(library.getFileName()));
                }
            }
            for (String file : List.of("server-service.jar", "server-service.jsa", "server-service.jsa.jvm")) {
                Path target = installed.resolve("target/cds").resolve(file);
                Files.copy(cds.resolve(file), target);
                Files.setLastModifiedTime(
                        target,
                        FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
            }
        }
        return launcher;
    }
}
