package org.eventdispatcher.logrotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void readsTheFormsTheOptionsUse() {
        assertThat(HostPort.parse("127.0.0.1:3002")).isEqualTo(new HostPort("127.0.0.1", 3002));
        assertThat(HostPort.parse(" localhost:0 ")).isEqualTo(new HostPort("localhost", 0));
        assertThat(HostPort.parse(":3003")).as("no host: the loopback address").isEqualTo(new HostPort("127.0.0.1", 3003));
        assertThat(HostPort.parse("[::1]:3002")).isEqualTo(new HostPort("::1", 3002));
        assertThat(HostPort.parse("[::1]:3002")).hasToString("[::1]:3002");
    }

    @Test
    void saysWhatIsWrong() {
        assertThatThrownBy(() -> HostPort.parse("localhost")).hasMessageContaining("the port is missing");
        assertThatThrownBy(() -> HostPort.parse("[::1]")).hasMessageContaining("the port is missing");
        assertThatThrownBy(() -> HostPort.parse("::1:3002")).hasMessageContaining("in brackets");
        assertThatThrownBy(() -> HostPort.parse("host:30o2")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> HostPort.parse("host:")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> HostPort.parse("host:65536")).hasMessageContaining("not between 0 and 65535");
        assertThatThrownBy(() -> HostPort.parse(null)).hasMessageContaining("the port is missing");
    }
}
