package org.eventdispatcher.broker;

import java.time.Duration;
import org.eventdispatcher.connection.Heartbeat;
import org.eventdispatcher.link.Buffer;
import org.eventdispatcher.protocol.transport.LineRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The broker transport ({@code eventdispatcher.broker.*}, PROTOCOL.md h.2, h.4). How to reach the
 * broker is Spring Boot's own {@code spring.rabbitmq.*} (host, port, credentials, virtual host, TLS).
 *
 * @param enabled   off by default: TCP and UDP need no broker
 * @param exchange  the durable topic exchange every daemon publishes to
 * @param queue     the bounds of this daemon's own queue
 * @param heartbeat how a silent sender's virtual connection is probed with {@code ALIVE} and closed
 * @param buffer    what is kept of the messages published with {@code cache} while the broker is out of reach
 * @param maxLineLength the longest message body read off this daemon's queue, as the TCP server's
 *                  {@code max-line-length}; a longer one is dropped unread (counted, not requeued)
 * @param maxVirtualConnections most senders this daemon keeps a virtual connection for; a new
 *                  sender past it closes the one silent for longest first
 * @param idleTimeout a sender silent for this long loses its virtual connection, with the heartbeat
 *                  on or off (with it on, a sender that answers {@code ALIVE} is never silent that
 *                  long); 0 keeps silent senders until {@code max-virtual-connections} pushes them out
 */
@ConfigurationProperties("eventdispatcher.broker")
public record BrokerProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("eventdispatcher") String exchange,
        @DefaultValue Queue queue,
        @DefaultValue Heartbeat heartbeat,
        @DefaultValue Buffer buffer,
        @DefaultValue(LineRules.DEFAULT_MAX_LENGTH_TEXT) DataSize maxLineLength,
        @DefaultValue("10000") int maxVirtualConnections,
        @DefaultValue("10m") Duration idleTimeout) {

    /** A sender silent this long is sent {@code ALIVE}, unless {@code heartbeat.idle} says otherwise. */
    public static final Duration HEARTBEAT_IDLE = Duration.ofSeconds(60);

    public BrokerProperties {
        heartbeat = heartbeat.orIdle(HEARTBEAT_IDLE);
        require(!exchange.isBlank(), "exchange must not be empty");
        require(
                maxLineLength.toBytes() >= 1 && maxLineLength.toBytes() <= Integer.MAX_VALUE - 2,
                "max-line-length must be between 1B and 2GB, not " + maxLineLength);
        require(maxVirtualConnections > 0, "max-virtual-connections must be positive, not " + maxVirtualConnections);
        require(!idleTimeout.isNegative(), "idle-timeout must be 0 (off) or positive, not " + idleTimeout);
    }

    /**
     * @param maxLength  most messages the queue keeps; past it, the oldest go ({@code x-overflow=drop-head})
     * @param messageTtl how long a message waits for a daemon that is not consuming (restarting)
     */
    public record Queue(
            @DefaultValue("10000") int maxLength,
            @DefaultValue("60s") Duration messageTtl) {

        public Queue {
            require(maxLength > 0, "queue.max-length must be positive, not " + maxLength);
            require(messageTtl.toMillis() > 0, "queue.message-ttl must be positive, not " + messageTtl);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("eventdispatcher.broker." + problem);
        }
    }
}
