package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** logrotate's way: rename the file, then tell the daemon over UDP with signal-cli. */
class LogRotationIT {

    @RegisterExtension
    final Processes processes = new Processes();

    @Test
    void theServerReopensItsLogFileOnLogRotateWithTheSecret(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("server.log");
        Path rotated = dir.resolve("server.log.1");
        int port = LoopbackPorts.free();
        int udp = LoopbackPorts.free();
        Daemons.server(processes, port, udp, "--trace", "--log-file", log.toString(), "--log-rotate-secret", "s3cret");

        assertThat(Conversations.run(port)).isEqualTo(Conversations.EXPECTED);
        await("first conversation logged").atMost(Duration.ofSeconds(30)).until(() -> read(log)
                .contains("-> MOM"));
        Files.move(log, rotated);

        // a wrong secret changes nothing: the daemon keeps writing to the renamed file
        assertThat(logRotateOverUdp(udp, "wrong")).isZero();
        await("wrong secret reported").atMost(Duration.ofSeconds(30)).until(() -> read(rotated)
                .contains("secret_code does not match"));
        assertThat(log).doesNotExist();

        assertThat(logRotateOverUdp(udp, "s3cret")).isZero();
        await("log reopened").atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log));

        assertThat(Conversations.run(port)).isEqualTo(Conversations.EXPECTED);
        await("second conversation logged").atMost(Duration.ofSeconds(30)).until(() -> read(log)
                .contains("-> MOM"));
        assertThat(read(rotated)).contains("-> DAD").doesNotContain("s3cret");
        assertThat(read(log)).doesNotContain("s3cret");
        assertThat(count(read(rotated), "-> MOM") + count(read(log), "-> MOM")).isEqualTo(2);
    }

    @Test
    void sighupReopensTheLogFileAndTheServerGoesOn(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Path rotated = dir.resolve("server.log.1");
        int port = LoopbackPorts.free();
        DaemonProcess server =
                Daemons.server(processes, port, LoopbackPorts.free(), "--trace", "--log-file", log.toString());
        assertThat(Conversations.run(port)).isEqualTo(Conversations.EXPECTED);
        await("first conversation logged").atMost(Duration.ofSeconds(30)).until(() -> read(log)
                .contains("-> MOM"));
        Files.move(log, rotated);

        // what systemctl reload does (ExecReload=/bin/kill -HUP $MAINPID)
        assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(server.pid()))
                        .start()
                        .waitFor())
                .isZero();
        await("log reopened").atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log));

        assertThat(Conversations.run(port)).isEqualTo(Conversations.EXPECTED);
        await("second conversation logged").atMost(Duration.ofSeconds(30)).until(() -> read(log)
                .contains("-> MOM"));
        assertThat(read(rotated)).contains("SIGHUP: reloading");
        assertThat(count(read(rotated), "-> MOM")).isEqualTo(1);
        assertThat(server.isAlive()).isTrue();
    }

    /** What logrotate's postrotate runs; signal-cli's exit status. */
    private int logRotateOverUdp(int udp, String secret) {
        return Daemons.signal(
                processes,
                "--type",
                "udp",
                "--server",
                "127.0.0.1:" + udp,
                "--message",
                "LOG_ROTATE",
                "--secret",
                secret);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
