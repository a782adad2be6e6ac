package org.eventdispatcher.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eventdispatcher.daemon.DaemonExit;
import org.eventdispatcher.testing.ports.FreePorts;
import org.eventdispatcher.udp.LogRotateListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * BYE is the server's word on the conversation's link, not a datagram's: one sent to the client's
 * UDP port ends nothing. A LOG_ROTATE follows it: once that one is handled (the listener reads
 * datagrams in order), the BYE before it was too.
 */
@ExtendWith(OutputCaptureExtension.class)
class ByeOverUdpTest {

    @Test
    void aByeDatagramDoesNotEndTheClient(CapturedOutput output) throws Exception {
        CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
        ConfigurableApplicationContext client = new SpringApplicationBuilder(ClientApplication.class)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("daemonExit", new DaemonExit(context, exitStatus::complete)))
                .run(
                        "--eventdispatcher.client.server=127.0.0.1:" + FreePorts.tcp(), // nobody listens there
                        "--eventdispatcher.daemon.exit-jvm=false",
                        "--management.server.port=0",
                        "--eventdispatcher.log-rotate.listen=127.0.0.1:0");
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress listener = client.getBean(LogRotateListener.class).localAddress();
            for (String text : new String[] {"BYE", "LOG_ROTATE"}) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                udp.send(new DatagramPacket(bytes, bytes.length, listener));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> output.getAll().contains("reopened") || exitStatus.isDone());

            assertThat(exitStatus).as("no exit asked for").isNotDone();
            assertThat(client.isActive()).isTrue();
            assertThat(output.getAll()).contains("BYE from 127.0.0.1:").contains("dropped");
        } finally {
            client.close();
        }
    }
}
