package org.eventdispatcher.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

    @Test
    void readsHostAndPortLikeTheCppPrograms() {
        assertThat(ListenAddress.parse("127.0.0.1:3001", 1)).isEqualTo(new ListenAddress("127.0.0.1", 3001));
        assertThat(ListenAddress.parse("10.0.0.1", 3001)).isEqualTo(new ListenAddress("10.0.0.1", 3001));
        assertThat(ListenAddress.parse(":4000", 3001)).isEqualTo(new ListenAddress("127.0.0.1", 4000));
        assertThat(ListenAddress.parse("", 3001)).isEqualTo(new ListenAddress("127.0.0.1", 3001));
        assertThat(ListenAddress.parse("[::1]:4000", 3001)).isEqualTo(new ListenAddress("::1", 4000));
        assertThat(ListenAddress.parse("localhost:0", 3001).port()).isZero();
    }

    @Test
    void writesHostAndPort() {
        assertThat(new ListenAddress("::1", 4000)).hasToString("[::1]:4000");
        assertThat(new ListenAddress("127.0.0.1", 3001)).hasToString("127.0.0.1:3001");
    }

    @Test
    void nonsenseIsRefusedWithTheTextInTheMessage() {
        assertThatThrownBy(() -> ListenAddress.parse("host:port", 3001))
                .hasMessage("\"host:port\" is not a host[:port] address: the port is not a number");
        assertThatThrownBy(() -> ListenAddress.parse("host:70000", 3001)).hasMessageContaining("65535");
        assertThatThrownBy(() -> ListenAddress.parse("::1", 3001)).hasMessageContaining("brackets");
    }
}
