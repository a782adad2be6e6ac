package org.eventdispatcher.tcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.stream.Stream;
import org.eventdispatcher.connection.Heartbeat;
import org.eventdispatcher.link.Buffer;
import org.eventdispatcher.link.PauseList;
import org.eventdispatcher.protocol.transport.HostPort;
import org.eventdispatcher.protocol.transport.UnixPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.unit.DataSize;

/**
 * {@code eventdispatcher.client.server}: one address or a list, each read as {@link HostPort} reads it, or
 * as {@link UnixPath} for {@code unix:/path}.
 */
class ClientServerAddressesTest {

    static Stream<Arguments> badServersOfTheClient() {
        return Stream.of(
                Arguments.of(
                        "host:0",
                        "eventdispatcher.client.server: \"host:0\" cannot be connected to: port 0"
                                + " is not between 1 and 65535"),
                Arguments.of(
                        "host:70000",
                        "eventdispatcher.client.server: \"host:70000\" is not a host[:port]"
                                + " address: port 70000 is not between 0 and 65535"),
                Arguments.of(
                        "host:http",
                        "eventdispatcher.client.server: \"host:http\" is not a host[:port]"
                                + " address: the port \"http\" is not a number"),
                Arguments.of(
                        "[::1",
                        "eventdispatcher.client.server: \"[::1\" is not a host[:port] address:" + " '[' without ']'"));
    }

    /** A listener may take port 0 (any free port); the client cannot connect there. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badServersOfTheClient")
    void theClientRefusesAServerItCannotConnectTo(String server, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> client(server)).withMessage(message);
    }

    @Test
    void theClientsServerPortDefaultsTo3001() {
        assertThat(client("10.0.0.5:4000").serverAddresses()).containsExactly(new HostPort("10.0.0.5", 4000));
        assertThat(client("example.com").serverAddresses()).containsExactly(new HostPort("example.com", 3001));
        assertThat(client("[::1]").serverAddresses()).containsExactly(new HostPort("::1", 3001));
        assertThat(client("").serverAddresses()).containsExactly(new HostPort("127.0.0.1", 3001));
    }

    @Test
    void theClientTakesAListOfServersInOrderOfPreference() {
        assertThat(client("10.0.0.1:3001, 10.0.0.2,[::1]:4000").serverAddresses())
                .containsExactly(
                        new HostPort("10.0.0.1", 3001), new HostPort("10.0.0.2", 3001), new HostPort("::1", 4000));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> client("10.0.0.1,host:0"))
                .withMessage("eventdispatcher.client.server: \"host:0\" cannot be connected to: port 0"
                        + " is not between 1 and 65535");
    }

    @Test
    void aFailoverListMixesUnixSocketsAndTcpServers() {
        assertThat(client("unix:/run/eventdispatcher/server.sock, 127.0.0.1:3001")
                        .serverAddresses())
                .containsExactly(new UnixPath("/run/eventdispatcher/server.sock"), new HostPort("127.0.0.1", 3001));
    }

    @Test
    void aUnixSocketsPathMustBeAbsolute() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> client("unix:run/server.sock"))
                .withMessage("eventdispatcher.client.server: \"unix:run/server.sock\" is not a unix:/path address:"
                        + " the socket's path \"run/server.sock\" is not absolute");
    }

    @Test
    void tlsToAUnixSocketIsRefusedAtStart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> client("127.0.0.1:3001,unix:/run/server.sock", "server"))
                .withMessageStartingWith("eventdispatcher.client.ssl.bundle=server: TLS is for TCP servers, and"
                        + " unix:/run/server.sock is a Unix socket");
    }

    private static ClientConnectionProperties client(String server) {
        return client(server, "");
    }

    private static ClientConnectionProperties client(String server, String sslBundle) {
        return new ClientConnectionProperties(
                server,
                new ClientConnectionProperties.Reconnect(PauseList.defaults(), 0.2),
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                new Heartbeat(Duration.ofSeconds(30), Duration.ofSeconds(10)),
                new Buffer(1000, DataSize.ofMegabytes(1)),
                new ClientConnectionProperties.Ssl(sslBundle, true, Duration.ofSeconds(10)),
                DataSize.ofBytes(65536));
    }
}
