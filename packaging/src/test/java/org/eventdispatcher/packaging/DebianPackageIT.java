package org.eventdispatcher.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package as dpkg-deb reads it, without installing it: its control file, what it installs and
 * where, its conffiles, units and maintainer scripts; and lintian's verdict where lintian is
 * installed.
 */
class DebianPackageIT {

    private static final List<String> PROGRAMS = List.of("server-service", "client-service", "signal-cli");

    @TempDir
    static Path unpacked;

    @BeforeAll
    static void unpack() {
        DebianPackage.unpackInto(unpacked);
    }

    @Test
    void theControlFileNamesTheDebianVersionAndAJavaRuntime17OrNewer() {
        assertThat(DebianPackage.field("Package")).isEqualTo("eventdispatcher");
        assertThat(DebianPackage.field("Version"))
                .isEqualTo(DebianPackage.version())
                .doesNotContain("-");
        assertThat(DebianPackage.field("Architecture")).isEqualTo("all");
        assertThat(DebianPackage.field("Depends"))
                .contains("default-jre-headless (>= 2:1.17) | java17-runtime-headless")
                .contains("adduser");
    }

    @Test
    void eachProgramIsItsJarBesideItsLauncherAndSignalCliIsOnThePath() {
        List<String> contents = DebianPackage.contents();

        for (String program : PROGRAMS) {
            String directory = "/usr/share/eventdispatcher/" + program + "/";
            assertThat(contents).contains(directory + program, directory + program + ".jar");
            assertThat(unpacked.resolve("usr/share/eventdispatcher/" + program + "/" + program))
                    .isExecutable();
        }
        assertThat(contents)
                .contains(
                        "/usr/bin/signal-cli -> ../share/eventdispatcher/signal-cli/signal-cli",
                        "/usr/share/eventdispatcher/make-class-data",
                        "/lib/systemd/system/eventdispatcher-server.service",
                        "/lib/systemd/system/eventdispatcher-client.service",
                        "/etc/logrotate.d/eventdispatcher",
                        "/usr/share/doc/eventdispatcher/copyright",
                        "/usr/share/doc/eventdispatcher/changelog.gz")
                .as("made on the host at install time, never shipped")
                .noneMatch(path -> path.endsWith(".jsa") || path.endsWith(".aot") || path.startsWith("/var/"));
    }

    @Test
    void theSettingsAndTheLogRotationAreConffilesSoAnUpgradeAsksBeforeReplacingThem() {
        assertThat(DebianPackage.controlFile("conffiles").lines())
                .containsExactlyInAnyOrder(
                        "/etc/eventdispatcher/server.yml",
                        "/etc/eventdispatcher/client.yml",
                        "/etc/logrotate.d/eventdispatcher");
    }

    @Test
    void theUnitsRunTheInstalledLaunchersAsTheSystemUser() throws IOException {
        for (String unit : List.of("eventdispatcher-server.service", "eventdispatcher-client.service")) {
            String text =
                    Files.readString(unpacked.resolve("lib/systemd/system").resolve(unit));
            assertThat(text)
                    .as(unit)
                    .doesNotContain("/opt/")
                    .contains("User=eventdispatcher", "Group=eventdispatcher", "RuntimeDirectory=eventdispatcher")
                    .containsPattern("(?m)^ExecStart=/usr/share/eventdispatcher/(server|client)-service/\\1-service"
                            + " --log-file /var/log/eventdispatcher/\\1\\.log$");
        }
        assertThat(Files.readString(unpacked.resolve("lib/systemd/system/eventdispatcher-server.service")))
                .contains("ExecStop=-/usr/bin/signal-cli --type tcp --server 127.0.0.1:3001 --message QUIT");
        assertThat(Files.readString(unpacked.resolve("etc/logrotate.d/eventdispatcher")))
                .doesNotContain("/opt/")
                .contains("/usr/bin/signal-cli --type udp --server 127.0.0.1:3002 --message LOG_ROTATE");
    }

    @Test
    void theMaintainerScriptsAreShellThatStopsAtTheFirstErrorAndThePurgeKeepsTheUser() throws IOException {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = unpacked.resolve("DEBIAN").resolve(script);
            assertThat(file).as(script).isExecutable();
            String text = Files.readString(file);
            assertThat(text).as(script).startsWith("#!/bin/sh\n").contains("\nset -e\n");
            Commands.run(Duration.ofSeconds(30), "sh", "-n", file.toString()).expectSuccess();
        }
        assertThat(Files.readString(unpacked.resolve("DEBIAN/postinst")))
                .contains("adduser --system --group", "/usr/share/eventdispatcher/make-class-data");
        assertThat(Files.readString(unpacked.resolve("DEBIAN/postrm")))
                .contains("/etc/eventdispatcher", "/var/log/eventdispatcher", "/var/cache/eventdispatcher")
                .doesNotContain("userdel", "deluser");
    }

    @Test
    void lintianFindsNoError() {
        assumeTrue(
                Commands.run(Duration.ofSeconds(30), "sh", "-c", "command -v lintian")
                                .status()
                        == 0,
                "lintian is not installed (apt-get install lintian): the package is checked by dpkg-deb only");

        Commands.Result lintian = Commands.run(
                Duration.ofMinutes(5),
                "lintian",
                "--tag-display-limit",
                "0",
                DebianPackage.file().toString());

        assertThat(lintian.output().lines()).as(lintian.output()).noneMatch(line -> line.startsWith("E: "));
    }
}
