package org.eventdispatcher.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eventdispatcher.protocol.transport.UnixPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DaemonAddressTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1:3001 | 127.0.0.1 | 3001",
                "10.0.0.5:4000  | 10.0.0.5  | 4000",
                "daemon.example | daemon.example | 3001",
                ":3002          | 127.0.0.1 | 3002",
                "127.0.0.1:     | 127.0.0.1 | 3001",
                "''             | 127.0.0.1 | 3001",
                "[::1]:3001     | ::1       | 3001",
                "[::1]          | ::1       | 3001",
            })
    void missingHostAndPortTakeTheDefaults(String text, String host, int port) throws SignalException {
        DaemonAddress address = DaemonAddress.parse(text);

        assertThat(address.host()).isEqualTo(host);
        assertThat(address.port()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"host:0", "host:65536", "host:x", "[::1", "[::1]x", "::1", "unix:relative.sock"})
    void badAddressesAreUsageErrors(String text) {
        assertThatThrownBy(() -> DaemonAddress.parse(text))
                .isInstanceOfSatisfying(
                        SignalException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageStartingWith("\"" + text + "\"");
    }

    @Test
    void aUnixSocketIsItsPath() throws SignalException {
        DaemonAddress address = DaemonAddress.parse(" unix:/run/eventdispatcher/server.sock ");

        assertThat(address.unixPath()).isEqualTo(new UnixPath("/run/eventdispatcher/server.sock"));
        assertThat(address).hasToString("unix:/run/eventdispatcher/server.sock");
        assertThat(DaemonAddress.parse("127.0.0.1:3001").unixPath()).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"127.0.0.1 | 3001 | 127.0.0.1:3001", "::1 | 3001 | [::1]:3001"})
    void printsAsItIsTyped(String host, int port, String printed) {
        assertThat(new DaemonAddress(host, port)).hasToString(printed);
    }
}
