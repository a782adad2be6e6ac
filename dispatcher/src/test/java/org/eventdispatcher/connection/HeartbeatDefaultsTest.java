package org.eventdispatcher.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.eventdispatcher.broker.BrokerProperties;
import org.eventdispatcher.tcp.client.ClientConnectionProperties;
import org.eventdispatcher.tcp.server.TcpServerProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The heartbeat's defaults as PROTOCOL.md b.3 and h.4 write them, bound as a daemon binds its
 * settings: the server and the broker probe after 60 s, the client after 30 s, each waits 10 s;
 * {@code idle=0} turns it off.
 */
class HeartbeatDefaultsTest {

    @Test
    void theServerProbesAfterAMinuteAndWaitsTenSeconds() {
        Heartbeat heartbeat = bind(Map.of(), "eventdispatcher.server", TcpServerProperties.class)
                .heartbeat();
        assertThat(heartbeat.idle()).isEqualTo(Duration.ofSeconds(60));
        assertThat(heartbeat.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theClientProbesAfterThirtySecondsAndWaitsTen() {
        Heartbeat heartbeat = bind(Map.of(), "eventdispatcher.client", ClientConnectionProperties.class)
                .heartbeat();
        assertThat(heartbeat.idle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(heartbeat.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aBrokerSenderIsProbedAfterAMinuteAndWaitedForTenSeconds() {
        Heartbeat heartbeat =
                bind(Map.of(), "eventdispatcher.broker", BrokerProperties.class).heartbeat();
        assertThat(heartbeat.idle()).isEqualTo(Duration.ofSeconds(60));
        assertThat(heartbeat.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void idleZeroTurnsItOffOnEverySide() {
        assertThat(bind(
                                Map.of("eventdispatcher.server.heartbeat.idle", "0"),
                                "eventdispatcher.server",
                                TcpServerProperties.class)
                        .heartbeat()
                        .idle())
                .isZero();
        assertThat(bind(
                                Map.of("eventdispatcher.client.heartbeat.idle", "0"),
                                "eventdispatcher.client",
                                ClientConnectionProperties.class)
                        .heartbeat()
                        .idle())
                .isZero();
        assertThat(bind(
                                Map.of("eventdispatcher.broker.heartbeat.idle", "0"),
                                "eventdispatcher.broker",
                                BrokerProperties.class)
                        .heartbeat()
                        .idle())
                .isZero();
    }

    private static <T> T bind(Map<String, String> settings, String prefix, Class<T> type) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(prefix, type);
    }
}
