package org.eventdispatcher.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.eventdispatcher.connection.ClientConnectionProperties.ServerAddress;
import org.junit.jupiter.api.Test;

class ServerAddressTest {

    @Test
    void hostAndPortEitherMayBeLeftOut() {
        assertThat(ServerAddress.valueOf("10.0.0.5:4000")).isEqualTo(new ServerAddress("10.0.0.5", 4000));
        assertThat(ServerAddress.valueOf("example.com")).isEqualTo(new ServerAddress("example.com", 3001));
        assertThat(ServerAddress.valueOf(":4000")).isEqualTo(new ServerAddress("127.0.0.1", 4000));
        assertThat(ServerAddress.valueOf("")).isEqualTo(new ServerAddress("127.0.0.1", 3001));
    }

    @Test
    void ipv6InBrackets() {
        assertThat(ServerAddress.valueOf("[::1]:4000")).isEqualTo(new ServerAddress("::1", 4000));
        assertThat(ServerAddress.valueOf("[::1]")).isEqualTo(new ServerAddress("::1", 3001));
        assertThat(ServerAddress.valueOf("[::1]:4000")).hasToString("[::1]:4000");
    }

    @Test
    void badPortsAreExplained() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServerAddress.valueOf("host:http"))
                .withMessageContaining("port \"http\" is not a number");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerAddress.valueOf("host:0"))
                .withMessageContaining("not between 1 and 65535");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerAddress.valueOf("host:70000"))
                .withMessageContaining("not between 1 and 65535");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerAddress.valueOf("[::1"))
                .withMessageContaining("'[' without ']'");
    }
}
