package org.eventdispatcher.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.eventdispatcher.signal.SignalCliRunner.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpSendTest {

    private DatagramSocket listener;
    private String address;

    @BeforeEach
    void listen() throws IOException {
        listener = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(10_000);
        address = "127.0.0.1:" + listener.getLocalPort();
    }

    @AfterEach
    void close() {
        listener.close();
    }

    @Test
    void sendsOneDatagramWithTheSecret() throws IOException {
        Result result =
                SignalCliRunner.run("--server", address, "--type", "udp", "--message", "LOG_ROTATE", "--secret", "S");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        // one message per datagram, no line terminator (PROTOCOL.md d)
        assertThat(nextDatagram()).isEqualTo("<test_host:signal_cli LOG_ROTATE secret_code=S");
    }

    @Test
    void typeIsCaseInsensitiveAndSecretHasTheUpstreamShortName() throws IOException {
        Result result = SignalCliRunner.run("-H", address, "-t", "UDP", "-c", "s3cret", "LOG");

        assertThat(result.exitCode()).isZero();
        assertThat(nextDatagram()).isEqualTo("<test_host:signal_cli LOG secret_code=s3cret");
    }

    @Test
    void datagramOverTheDaemonsBufferIsRefusedAndNothingSent() throws IOException {
        Result result =
                SignalCliRunner.run("-H", address, "-t", "udp", "-p", "padding=" + "x".repeat(1024), "LOG_ROTATE");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("over UDP it must fit in 1024 bytes");
        assertNothingSentBeforeProbe();
    }

    @Test
    void replyOverUdpIsAUsageError() throws IOException {
        Result result = SignalCliRunner.run("-H", address, "-t", "udp", "--reply", "HELP");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("signal-cli: --reply works over TCP and amqp only: daemons never answer on UDP"
                        + System.lineSeparator());
        assertNothingSentBeforeProbe();
    }

    @Test
    void invalidMessageSendsNothing() throws IOException {
        Result result = SignalCliRunner.run("-H", address, "-t", "udp", "LOG_ROTATE secret_code=\"S");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("UNTERMINATED_QUOTE");
        assertNothingSentBeforeProbe();
    }

    private String nextDatagram() throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        listener.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /** Datagrams on loopback arrive in order: if the probe comes first, nothing was sent before it. */
    private void assertNothingSentBeforeProbe() throws IOException {
        try (DatagramSocket probe = new DatagramSocket()) {
            byte[] payload = "PROBE".getBytes(StandardCharsets.UTF_8);
            probe.send(new DatagramPacket(payload, payload.length, listener.getLocalSocketAddress()));
        }
        assertThat(nextDatagram()).isEqualTo("PROBE");
    }
}
