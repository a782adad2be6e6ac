package org.eventdispatcher.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.eventdispatcher.connection.Side;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.junit.jupiter.api.Test;

/** Which peer on the broker is the server a client joined: the one whose BYE ends the conversation. */
class BrokerJoinTest {

    private final BrokerAddress server = new BrokerAddress("beta", "server_service");
    private final BrokerJoin join = new BrokerJoin(server, null, null, null);

    @Test
    void theVirtualConnectionOfTheJoinedServerIsTheServer() {
        assertThat(join.server()).isEqualTo(server);
        assertThat(join.isServer(new VirtualConnection(server, Side.CLIENT, null, null, 0)))
                .isTrue();
    }

    @Test
    void anyOtherSenderOnTheBrokerIsNot() {
        assertThat(join.isServer(
                        new VirtualConnection(new BrokerAddress("beta", "other_service"), Side.SERVER, null, null, 0)))
                .isFalse();
        assertThat(join.isServer(new VirtualConnection(
                        new BrokerAddress("mallory", "server_service"), Side.SERVER, null, null, 0)))
                .isFalse();
    }
}
