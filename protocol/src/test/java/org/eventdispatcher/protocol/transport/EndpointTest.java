package org.eventdispatcher.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void aUnixAddressIsItsPath() {
        Endpoint endpoint = Endpoint.parse(" unix:/run/eventdispatcher/server.sock ", 3001);

        assertThat(endpoint).isEqualTo(new UnixPath("/run/eventdispatcher/server.sock"));
        assertThat(endpoint).hasToString("unix:/run/eventdispatcher/server.sock");
        assertThat(Endpoint.parse(endpoint.toString())).isEqualTo(endpoint);
    }

    @Test
    void anythingElseIsATcpAddress() {
        assertThat(Endpoint.parse("[::1]", 3001)).isEqualTo(new HostPort("::1", 3001));
        assertThat(Endpoint.parse("10.0.0.1:4040")).isEqualTo(new HostPort("10.0.0.1", 4040));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Endpoint.parse("10.0.0.1"))
                .withMessageContaining("host:port");
    }

    @Test
    void aRelativeEmptyOrOverlongPathIsRefusedNamingTheText() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Endpoint.parse("unix:server.sock", 3001))
                .withMessage("\"unix:server.sock\" is not a unix:/path address:"
                        + " the socket's path \"server.sock\" is not absolute");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> UnixPath.parse("unix:"))
                .withMessageEndingWith("the socket's path is empty");
        String longest = "/" + "s".repeat(UnixPath.MAX_PATH_BYTES - 1);
        assertThat(UnixPath.parse("unix:" + longest).path()).isEqualTo(longest);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> UnixPath.parse("unix:" + longest + "s"))
                .withMessageEndingWith("is 108 bytes long, more than the 107 a socket takes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UnixPath("/run/a\0b"))
                .withMessageContaining("NUL");
    }

    @Test
    void onlyTheSchemeMakesAUnixAddress() {
        assertThat(UnixPath.isUnix("unix:/x")).isTrue();
        assertThat(UnixPath.isUnix("/run/x.sock")).isFalse();
        assertThat(UnixPath.isUnix(null)).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> UnixPath.parse("/run/x.sock"))
                .withMessage("\"/run/x.sock\" is not a unix:/path address");
    }
}
