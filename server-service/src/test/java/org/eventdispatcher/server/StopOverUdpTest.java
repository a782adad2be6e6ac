package org.eventdispatcher.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eventdispatcher.udp.LogRotateListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A datagram's source address is anyone's to forge: QUIT over UDP is not obeyed by default, and
 * only with the listener's secret where it was let through on purpose. Each check sends a
 * LOG_ROTATE after the QUIT: once that one is handled (the listener reads datagrams in order), the
 * QUIT before it was too.
 */
@ExtendWith(OutputCaptureExtension.class)
class StopOverUdpTest {

    @Test
    void aQuitDatagramDoesNotStopTheServer(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext context = start();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(udp, context, "QUIT");
            send(udp, context, "LOG_ROTATE");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> output.getAll().contains("reopened") || !context.isActive());

            assertThat(context.isActive())
                    .as("still serving after a QUIT datagram")
                    .isTrue();
            assertThat(output.getAll()).contains("QUIT from 127.0.0.1:").contains("dropped");
        } finally {
            context.close();
        }
    }

    @Test
    void withTheSecretAndQuitLetThroughOnlyTheRightSecretStopsTheServer(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext context = start(
                "--eventdispatcher.log-rotate.secret=s3cr3t-udp", "--eventdispatcher.log-rotate.udp-commands=QUIT");
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(udp, context, "QUIT secret_code=guess");
            send(udp, context, "QUIT");
            send(udp, context, "LOG_ROTATE secret_code=s3cr3t-udp");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> output.getAll().contains("reopened") || !context.isActive());
            assertThat(context.isActive())
                    .as("a wrong or missing secret stops nothing")
                    .isTrue();

            send(udp, context, "QUIT secret_code=s3cr3t-udp");
            await().atMost(Duration.ofSeconds(10)).until(() -> !context.isActive());
        } finally {
            context.close();
        }
        assertThat(output.getAll()).doesNotContain("s3cr3t-udp").doesNotContain("guess");
    }

    private static void send(DatagramSocket udp, ConfigurableApplicationContext context, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        udp.send(new DatagramPacket(
                bytes, bytes.length, context.getBean(LogRotateListener.class).localAddress()));
    }

    private static ConfigurableApplicationContext start(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "--eventdispatcher.server.listen=127.0.0.1:0";
        args[1] = "--eventdispatcher.daemon.exit-jvm=false";
        args[2] = "--eventdispatcher.log-rotate.listen=127.0.0.1:0";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return new SpringApplicationBuilder(ServerApplication.class)
                .web(WebApplicationType.NONE)
                .run(args);
    }
}
