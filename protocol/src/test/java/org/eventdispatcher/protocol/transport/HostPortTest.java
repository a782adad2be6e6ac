package org.eventdispatcher.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostPortTest {

    /** Stands for "the port must be written": {@link HostPort#parse(String)}. */
    private static final Integer REQUIRED = null;

    static Stream<Arguments> addresses() {
        return Stream.of(
                // text, default port (or REQUIRED), host, port
                Arguments.of("127.0.0.1:3001", 1, "127.0.0.1", 3001),
                Arguments.of("10.0.0.1", 3001, "10.0.0.1", 3001),
                Arguments.of("10.0.0.5:4000", 3001, "10.0.0.5", 4000),
                Arguments.of("example.com", 3001, "example.com", 3001),
                Arguments.of(":4000", 3001, "127.0.0.1", 4000),
                Arguments.of("", 3001, "127.0.0.1", 3001),
                Arguments.of(null, 3001, "127.0.0.1", 3001),
                Arguments.of("host:", 3001, "host", 3001),
                Arguments.of("[::1]:4000", 3001, "::1", 4000),
                Arguments.of("[::1]", 3001, "::1", 3001),
                Arguments.of("localhost:0", 3001, "localhost", 0),
                Arguments.of("127.0.0.1:3002", REQUIRED, "127.0.0.1", 3002),
                Arguments.of(" localhost:0 ", REQUIRED, "localhost", 0),
                Arguments.of(":3003", REQUIRED, "127.0.0.1", 3003),
                Arguments.of("[::1]:3002", REQUIRED, "::1", 3002),
                Arguments.of("host:65535", REQUIRED, "host", 65535));
    }

    @ParameterizedTest(name = "\"{0}\" with default port {1} is {2} port {3}")
    @MethodSource("addresses")
    void readsHostAndPortLikeTheCppPrograms(String text, Integer defaultPort, String host, int port) {
        assertThat(parse(text, defaultPort)).isEqualTo(new HostPort(host, port));
    }

    static Stream<Arguments> nonsense() {
        return Stream.of(
                // text, default port (or REQUIRED), the whole message
                Arguments.of(
                        "host:port",
                        3001,
                        "\"host:port\" is not a host[:port] address: the port \"port\" is not a number"),
                Arguments.of(
                        "host:http",
                        3001,
                        "\"host:http\" is not a host[:port] address: the port \"http\" is not a number"),
                Arguments.of(
                        "host:30o2",
                        REQUIRED,
                        "\"host:30o2\" is not a host:port address: the port \"30o2\" is not a number"),
                Arguments.of(
                        "host:+80",
                        3001,
                        "\"host:+80\" is not a host[:port] address: the port \"+80\" is not a number"),
                Arguments.of(
                        "host:-1", 3001, "\"host:-1\" is not a host[:port] address: the port \"-1\" is not a number"),
                Arguments.of(
                        "host:70000",
                        3001,
                        "\"host:70000\" is not a host[:port] address: port 70000 is not between 0 and 65535"),
                Arguments.of(
                        "host:65536",
                        REQUIRED,
                        "\"host:65536\" is not a host:port address: port 65536 is not between 0 and 65535"),
                Arguments.of(
                        "host:99999999999",
                        3001,
                        "\"host:99999999999\" is not a host[:port] address: port 99999999999 is not between 0"
                                + " and 65535"),
                Arguments.of(
                        "::1",
                        3001,
                        "\"::1\" is not a host[:port] address: write an IPv6 address in"
                                + " brackets, e.g. [::1]:3001"),
                Arguments.of(
                        "::1:3002",
                        REQUIRED,
                        "\"::1:3002\" is not a host:port address: write an IPv6 address"
                                + " in brackets, e.g. [::1]:3002"),
                Arguments.of("[::1", 3001, "\"[::1\" is not a host[:port] address: '[' without ']'"),
                Arguments.of(
                        "[::1]4000", 3001, "\"[::1]4000\" is not a host[:port] address: expected ':port' after ']'"),
                Arguments.of("[ ]:4000", 3001, "\"[ ]:4000\" is not a host[:port] address: the host is empty"),
                Arguments.of("localhost", REQUIRED, "\"localhost\" is not a host:port address: the port is missing"),
                Arguments.of("[::1]", REQUIRED, "\"[::1]\" is not a host:port address: the port is missing"),
                Arguments.of("host:", REQUIRED, "\"host:\" is not a host:port address: the port is missing"),
                Arguments.of(null, REQUIRED, "\"\" is not a host:port address: the port is missing"));
    }

    @ParameterizedTest(name = "\"{0}\" with default port {1}: {2}")
    @MethodSource("nonsense")
    void nonsenseIsRefusedWithTheTextInTheMessage(String text, Integer defaultPort, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse(text, defaultPort))
                .withMessage(message);
    }

    @Test
    void writesHostAndPortWithIpv6InBrackets() {
        assertThat(new HostPort("::1", 4000)).hasToString("[::1]:4000");
        assertThat(new HostPort("127.0.0.1", 3001)).hasToString("127.0.0.1:3001");
        assertThat(HostPort.parse("[::1]:3002")).hasToString("[::1]:3002");
        assertThat(HostPort.parse("[::1]:4000", 3001)).hasToString("[::1]:4000");
    }

    @Test
    void theRecordItselfHoldsOnlyAHostAndAPortInRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HostPort(" ", 3001))
                .withMessage("the host is empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HostPort("host", -1))
                .withMessage("port -1 is not between 0 and 65535");
        assertThat(new HostPort("localhost", 3001).toSocketAddress().getPort()).isEqualTo(3001);
    }

    private static HostPort parse(String text, Integer defaultPort) {
        return defaultPort == REQUIRED ? HostPort.parse(text) : HostPort.parse(text, defaultPort);
    }
}
