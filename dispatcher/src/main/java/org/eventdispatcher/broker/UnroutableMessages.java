package org.eventdispatcher.broker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.amqp.support.ReturnedAmqpMessageException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * Messages that no queue took (publisher returns, PROTOCOL.md h.3): counted as
 * {@code eventdispatcher.broker.unroutable}, and logged once per routing key, so that a daemon
 * sending to one that is gone does not flood the log. The routing keys remembered are capped.
 */
public class UnroutableMessages implements MessageHandler {

    public static final String METER = "eventdispatcher.broker.unroutable";

    private static final Logger log = LoggerFactory.getLogger(UnroutableMessages.class);
    private static final int MAX_KEYS_REMEMBERED = 1000;

    private final Counter unroutable;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public UnroutableMessages(MeterRegistry registry) {
        this.unroutable = Counter.builder(METER)
                .description("Messages published to the broker that no queue took")
                .register(registry);
    }

    /** What the outbound adapter sends its return channel. */
    @Override
    public void handleMessage(Message<?> returned) {
        String routingKey = "?";
        String exchange = "?";
        if (returned.getPayload() instanceof ReturnedAmqpMessageException e) {
            routingKey = e.getRoutingKey();
            exchange = e.getExchange();
        }
        unroutable.increment();
        if (reported.size() < MAX_KEYS_REMEMBERED && reported.add(routingKey)) {
            log.warn(
                    "no daemon takes {} on exchange {}: message dropped (the next ones to it are counted in {}, not logged)",
                    routingKey,
                    exchange,
                    METER);
        }
    }

    public double count() {
        return unroutable.count();
    }
}
